package nn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import nn.core.train.Config;
import nn.core.train.Experiment;
import nn.core.train.Plugins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data keys as a config file writes them (delimiter: tab, features: rest, .csv.gz), end to end through nn train. */
class DataConfigTest {
    @TempDir
    Path dir;

    private Path config(String data) throws IOException {
        return Files.writeString(dir.resolve("c.yaml"), """
                seed: 1
                model:
                  layers:
                    - {units: 3, activation: softmax}
                loss: cross_entropy
                training: {epochs: 1}
                data:
                """ + data);
    }

    private Experiment prepare(Path config) {
        return Experiment.prepare(Config.load(config, List.of(), Plugins.load(getClass().getClassLoader())), new ByteArrayInputStream(new byte[0]));
    }

    @Test
    void tabDelimitedGzippedFileWithFeaturesRest() throws IOException {
        String tsv = "a\tlabel\tb\n1\t10\t2\n3\t2\t4\n5\t1\t6\n";
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("d.tsv.gz")))) {
            out.write(tsv.getBytes(StandardCharsets.UTF_8));
        }
        Experiment e = prepare(config("  train: {csv: d.tsv.gz, target: label, features: rest, delimiter: tab}\n"));
        assertEquals(List.of("a", "b"), e.train().features());
        assertEquals(List.of("1", "2", "10"), e.classes());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, e.train().x());
        assertArrayEquals(new double[] {0, 0, 1, 0, 1, 0, 1, 0, 0}, e.train().y());
        assertEquals(2, e.network().nin(), "model.inputs inferred from the feature columns");
    }

    @Test
    void unknownClassInTheValidationFileIsExitTwoNamingFileLineColumnAndClass() throws IOException {
        Files.writeString(dir.resolve("t.csv"), "a,label\n1,x\n2,y\n3,z\n");
        Files.writeString(dir.resolve("v.csv"), "a,label\n1,x\n2,w\n");
        Path c = config("  train: {csv: t.csv, target: label}\n  validation: {csv: v.csv}\n");
        Run r = Run.nn("train", c.toString(), "--no-checkpoint", "--summary", "none", "-q");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(dir.resolve("v.csv") + ":3: column 'label': unknown class 'w'"), r.err());
    }
}
