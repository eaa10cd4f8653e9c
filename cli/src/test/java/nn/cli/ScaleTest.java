package nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scale: S} on a CSV source: integer pixels divided by 255 as they are read train, evaluate and predict to the
 * same bits as the same pixels written as k/255 decimals (which read back as exactly those doubles); a test source
 * without its own scale takes the training data's.
 */
class ScaleTest {
    @TempDir
    Path dir;

    /** The same 300 rows of 6 "pixels" and a class, as integers 0..255 or as Double.toString(k / 255.0). */
    private Path csv(String name, boolean divided) throws IOException {
        Random rng = new Random(11);
        StringBuilder s = new StringBuilder("p0,p1,p2,p3,p4,p5,label\n");
        for (int r = 0; r < 300; r++) {
            int sum = 0;
            for (int k = 0; k < 6; k++) {
                int v = rng.nextInt(256);
                sum += v;
                s.append(divided ? Double.toString(v / 255.0) : Integer.toString(v)).append(',');
            }
            s.append(sum > 765 ? "light" : "dark").append('\n');
        }
        Path f = dir.resolve(name);
        Files.writeString(f, s);
        return f;
    }

    private Path config(String name, String train, String test, String scale) throws IOException {
        Path c = dir.resolve(name + ".yaml");
        Files.writeString(c, """
                name: %s
                seed: 5
                model:
                  layers:
                    - {units: 5, activation: tanh}
                    - {units: 2, activation: softmax}
                loss: cross_entropy
                optimizer: {type: sgd, learning_rate: 0.5}
                training: {epochs: 3, batch_size: 16}
                data:
                  train: {csv: %s, target: label, normalize: standard%s}
                  test: {csv: %s}
                checkpoint: {dir: %s}
                """.formatted(name, train, scale, test, dir.resolve("runs-" + name)));
        return c;
    }

    @Test
    void scaledIntegersTrainEvaluateAndPredictAsTheDividedDecimalsDo() throws IOException {
        csv("int.csv", false);
        csv("dec.csv", true);
        Run scaled = Run.nn("train", config("scaled", "int.csv", "int.csv", ", scale: 255").toString(), "-q", "--summary", "json");
        Run divided = Run.nn("train", config("divided", "dec.csv", "dec.csv", "").toString(), "-q", "--summary", "json");
        assertEquals(0, scaled.code(), scaled.err());
        assertEquals(0, divided.code(), divided.err());
        assertEquals(TrainCommandTest.withoutTimes(divided.out()).replace("divided", "NAME"), TrainCommandTest.withoutTimes(scaled.out()).replace("scaled", "NAME"));

        String a = dir.resolve("runs-scaled").resolve("last.ckpt").toString(), b = dir.resolve("runs-divided").resolve("last.ckpt").toString();
        Run pa = Run.nn("predict", a, dir.resolve("int.csv").toString(), "--proba"), pb = Run.nn("predict", b, dir.resolve("dec.csv").toString(), "--proba");
        assertEquals(0, pa.code(), pa.err());
        assertEquals(pb.out(), pa.out());
        Run ea = Run.nn("eval", a, dir.resolve("int.csv").toString()), eb = Run.nn("eval", b, dir.resolve("dec.csv").toString());
        assertEquals(0, ea.code(), ea.err());
        assertEquals(eb.out(), ea.out());
    }

}
