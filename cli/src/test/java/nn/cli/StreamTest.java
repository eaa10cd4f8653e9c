package nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stream: true}: training data read from disk a chunk at a time. A CSV three times the heap trains to the end
 * in a JVM with 32 MiB of heap; without shuffling, streamed and in-memory training give the same bits.
 */
class StreamTest {
    @TempDir
    Path dir;

    /** n rows of 40 integer features and a numeric target, y = their mean / 10^5 plus noise, from a seeded generator. */
    private Path csv(String name, int n) throws IOException {
        Path f = dir.resolve(name);
        Random rng = new Random(7);
        try (BufferedWriter w = Files.newBufferedWriter(f)) {
            StringBuilder h = new StringBuilder();
            for (int k = 0; k < 40; k++) h.append('x').append(k).append(',');
            w.write(h + "y\n");
            StringBuilder row = new StringBuilder();
            for (int r = 0; r < n; r++) {
                row.setLength(0);
                long sum = 0;
                for (int k = 0; k < 40; k++) {
                    int v = rng.nextInt(200_001) - 100_000;
                    sum += v;
                    row.append(v).append(',');
                }
                row.append(sum / 4e6 + 0.01 * rng.nextGaussian()).append('\n');
                w.write(row.toString());
            }
        }
        return f;
    }

    private Path config(Path data, boolean stream, boolean shuffle) throws IOException {
        Path c = dir.resolve((stream ? "s" : "m") + (shuffle ? "-shuffled" : "") + ".yaml");
        Files.writeString(c, """
                name: stream
                seed: 3
                model:
                  layers:
                    - {units: 8, activation: tanh}
                    - {units: 1, activation: identity}
                loss: mse
                optimizer: {type: sgd, learning_rate: 0.01}
                training: {epochs: %d, batch_size: 50, shuffle: %s}
                data:
                  train: {csv: %s, targets: [y], normalize: standard, stream: %s}
                """.formatted(stream && shuffle ? 1 : 2, shuffle, data.getFileName(), stream));
        return c;
    }

    @Test
    void aCsvThreeTimesTheHeapTrainsWithStreamTrue() throws Exception {
        Path data = csv("big.csv", 380_000); // about 100 MiB of text, 3× the 32 MiB heap
        assertTrue(Files.size(data) > 3L * 32 * 1024 * 1024, "file " + Files.size(data));
        Run r = Run.jvm(List.of("-Xmx32m"), "train", config(data, true, true).toString(), "--no-checkpoint", "-q", "--summary", "json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"epochs_run\":1"), r.out());
        assertTrue(r.out().contains("\"steps\":7600"), r.out());
    }

    @Test
    void unshuffledStreamingGivesTheBitsOfInMemoryTraining() throws Exception {
        Path data = csv("small.csv", 5_000);
        Run memory = Run.nn("train", config(data, false, false).toString(), "--no-checkpoint", "-q", "--summary", "json");
        Run streamed = Run.nn("train", config(data, true, false).toString(), "--no-checkpoint", "-q", "--summary", "json");
        assertEquals(0, memory.code(), memory.err());
        assertEquals(0, streamed.code(), streamed.err());
        assertEquals(TrainCommandTest.withoutTimes(memory.out()), TrainCommandTest.withoutTimes(streamed.out()));
    }

}
