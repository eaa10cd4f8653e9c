package nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
    @TempDir
    Path tmp;

    /** A number from the one-line JSON summary, by its path such as best.val_accuracy. */
    static double number(String json, String path) {
        String[] parts = path.split("\\.");
        String s = json;
        for (int i = 0; i < parts.length - 1; i++) {
            int at = s.indexOf("\"" + parts[i] + "\":{");
            assertTrue(at >= 0, path + " in " + json);
            s = s.substring(at);
        }
        Matcher m = Pattern.compile("\"" + parts[parts.length - 1] + "\":(-?[0-9.eE+-]+)").matcher(s);
        assertTrue(m.find(), path + " in " + json);
        return Double.parseDouble(m.group(1));
    }

    static String withoutTimes(String json) {
        return json.replaceAll("\"(load_seconds|wall_seconds|samples_per_second)\":[0-9.eE+-]+", "");
    }

    @Test
    void xorReachesSmallLoss() {
        Run r = Run.nn("train", "--no-checkpoint", Run.config("xor.yaml"), "--summary", "json", "-q");
        assertEquals(0, r.code(), r.err());
        assertTrue(number(r.out(), "final.train_loss") < 0.01, r.out());
    }

    @Test
    void irisReachesValidationAccuracyAndIsReproducible() {
        Run a = Run.nn("train", "--no-checkpoint", Run.config("iris.yaml"), "--summary", "json", "-q");
        Run b = Run.nn("train", "--no-checkpoint", Run.config("iris.yaml"), "--summary", "json", "-q");
        assertEquals(0, a.code(), a.err());
        assertTrue(number(a.out(), "best.val_accuracy") >= 0.95, a.out());
        assertEquals(withoutTimes(a.out()), withoutTimes(b.out()));
    }

    @Test
    void irisFromStandardInput() throws IOException {
        String csv = Files.readString(Run.DATA.resolve("iris.csv"));
        Run piped = Run.nnWithStdin(csv, "train", "--no-checkpoint", Run.config("iris.yaml"), "data.train.csv=-", "--summary", "json", "-q");
        Run file = Run.nn("train", "--no-checkpoint", Run.config("iris.yaml"), "--summary", "json", "-q");
        assertEquals(0, piped.code(), piped.err());
        assertEquals(withoutTimes(file.out()), withoutTimes(piped.out()));
    }

    @Test
    void digitsReachesTestAccuracy() {
        Run r = Run.nn("train", "--no-checkpoint", Run.config("digits.yaml"), "--summary", "json", "-q");
        assertEquals(0, r.code(), r.err());
        assertTrue(number(r.out(), "test.test_accuracy") >= 0.95, r.out());
    }

    @Test
    void diabetesBeatsPredictingTheMean() throws IOException {
        Run r = Run.nn("train", "--no-checkpoint", Run.config("diabetes.yaml"), "--summary", "json", "-q");
        assertEquals(0, r.code(), r.err());
        // The spread of the target: predicting the mean has an RMSE of about the standard deviation (77.0).
        List<String> lines = Files.readAllLines(Run.DATA.resolve("diabetes.csv"));
        double sum = 0, sq = 0;
        int n = lines.size() - 1;
        for (String l : lines.subList(1, lines.size())) {
            double v = Double.parseDouble(l.substring(l.lastIndexOf(',') + 1));
            sum += v;
            sq += v * v;
        }
        double sd = Math.sqrt(sq / n - (sum / n) * (sum / n));
        double rmse = number(r.out(), "best.val_rmse");
        assertTrue(rmse < 0.8 * sd, "val_rmse " + rmse + " vs sd " + sd);
    }

    @Test
    void seedStillTrains() {
        Run r = Run.nn("train", "--no-checkpoint", Run.config("seed.yaml"), "--summary", "json", "-q");
        assertEquals(0, r.code(), r.err());
        assertTrue(number(r.out(), "final.train_loss") < 0.001, r.out());
        assertEquals(1000, (int) number(r.out(), "epochs_run"));
    }

    @Test
    void brokenRowStopsWithFileAndLine() throws IOException {
        Path csv = tmp.resolve("iris.csv");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(Run.DATA.resolve("iris.csv")));
        lines.set(7, "5.0,3.4,oops,0.2,setosa");
        Files.write(csv, lines);
        Run r = Run.nn("train", "--no-checkpoint", Run.config("iris.yaml"), "data.train.csv=" + csv.toAbsolutePath(), "-q");
        assertEquals(2, r.code(), r.err());
        assertEquals("nn: " + csv.toAbsolutePath() + ":8: column 'petal_length': expected a finite number, found 'oops'\n", r.err());
    }

    @Test
    void wrongColumnCountStopsWithFileAndLine() throws IOException {
        Path csv = tmp.resolve("iris.csv");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(Run.DATA.resolve("iris.csv")));
        lines.set(3, "5.0,3.4,0.2,setosa");
        Files.write(csv, lines);
        Run r = Run.nn("train", "--no-checkpoint", Run.config("iris.yaml"), "data.train.csv=" + csv.toAbsolutePath(), "-q");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(csv.toAbsolutePath() + ":4: expected 5 columns (as the header), found 4"), r.err());
    }

    @Test
    void divergenceExitsThreeNamingEpochAndBatch() {
        Run r = Run.nn("train", "--no-checkpoint", Run.config("diabetes.yaml"), "optimizer.learning_rate=0.5", "-q");
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().matches("(?s)nn: training diverged: epoch 1, batch \\d+: .*"), r.err());
    }

    @Test
    void metricsFileHasOneRowPerEpoch() throws IOException {
        Path csv = tmp.resolve("m.csv"), jsonl = tmp.resolve("m.jsonl");
        assertEquals(0, Run.nn("train", "--no-checkpoint", Run.config("xor.yaml"), "training.epochs=5", "--metrics", csv.toString(), "-q").code());
        assertEquals(0, Run.nn("train", "--no-checkpoint", Run.config("xor.yaml"), "training.epochs=5", "--metrics", jsonl.toString(), "-q").code());
        List<String> rows = Files.readAllLines(csv);
        assertEquals("epoch,lr,train_loss,train_rmse,train_mae,train_r2", rows.get(0)); // xor is a regression (mse)
        assertEquals(6, rows.size());
        List<String> objs = Files.readAllLines(jsonl);
        assertEquals(5, objs.size());
        assertTrue(objs.get(4).startsWith("{\"epoch\":5,\"lr\":0.5,\"train_loss\":"), objs.get(4));
    }

    @Test
    void printConfigShowsDefaultsAndOverrides() {
        Run r = Run.nn("train", "--no-checkpoint", Run.config("seed.yaml"), "training.epochs=7", "--print-config");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("epochs: 7"), r.out());
        assertTrue(r.out().contains("momentum: 0.0"), r.out());
        assertTrue(r.out().contains("shuffle: true"), r.out());
    }
}
