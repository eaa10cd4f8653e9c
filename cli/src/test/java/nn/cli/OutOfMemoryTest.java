package nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model or data too large for the heap is exit 2 and one line with the figures and the fix, not a JVM stack trace. */
class OutOfMemoryTest {
    @Test
    void runningOutOfHeapIsBadInputWithTheFix() throws Exception {
        Run r = Run.jvm(List.of("-Xmx64m"), "train", Run.config("iris.yaml"), "model.layers[0].units=100000000",
                "--no-checkpoint", "-q");
        String err = r.err();
        assertEquals(2, r.code(), err);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("nn: " + Run.config("iris.yaml") + ":6:7: model.layers[0]: a parameter of shape [100000000, 4] needs 6.0 GiB"
                + " (its values and gradients), more than the ") && err.contains("GiB of heap left (give more: NN_JAVA_OPTS=-Xmx7g"), err);
    }

    /** Data too large for the heap says so before training: the file, its size, the memory needed, the two fixes. */
    @Test
    void dataLargerThanTheHeapNamesTheSizeNeededAndTheFixes(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("big.csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv)) {
            StringBuilder row = new StringBuilder();
            for (int k = 0; k < 100; k++) row.append('x').append(k).append(',');
            w.write(row + "y\n");
            row.setLength(0);
            for (int k = 0; k < 100; k++) row.append(k % 10).append(',');
            String line = row + "1\n";
            for (int r = 0; r < 120_000; r++) w.write(line);
        }
        Path config = dir.resolve("big.yaml");
        Files.writeString(config, "name: big\nmodel: {layers: [{units: 1, activation: identity}]}\nloss: mse\n"
                + "data: {train: {csv: big.csv, targets: [y]}}\n");
        Run r = Run.jvm(List.of("-Xmx32m"), "train", config.toString(), "--no-checkpoint", "-q");
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("nn: " + csv + ": 120000 rows × 100 features need 46 MiB, more than the Java heap ("), r.err());
        assertTrue(r.err().contains("NN_JAVA_OPTS=-Xmx") && r.err().contains("stream: true"), r.err());
    }
}
