package nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Checkpoints written by earlier versions stay readable: fixtures/seed-v1.ckpt is a format-1 file (configs/seed.yaml
 * after 3 epochs) kept as it was written, with the parameters it held.
 */
class BackCompatTest {
    static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures");

    @Test
    void version1CheckpointReadsTheSameParameters() throws IOException {
        Run r = Run.nn("inspect", FIXTURES.resolve("seed-v1.ckpt").toString(), "--params", "--format", "tsv");
        assertEquals(0, r.code(), r.err());
        assertEquals(Files.readString(FIXTURES.resolve("seed-v1.params.tsv")), r.out());
    }

    @Test
    void version1CheckpointStillPredicts() {
        Run r = Run.nnWithStdin("x0\n1\n", "predict", FIXTURES.resolve("seed-v1.ckpt").toString(), "-");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals("y0", lines[0]);
        // O = s(s(s(w1+b1)·w2+b2)·w4 + s(s(w1+b1)·w3+b3)·w5 + b4) with the fixture's weights.
        double h1 = sig(0.49662030381984146 + 0.9966203038198413);
        double h2 = sig(h1 * 0.48127441904149915 + 0.9770867049462155);
        double o = sig(h2 * 0.21529270195631378 * 2 + 0.644660453741462);
        assertEquals(o, Double.parseDouble(lines[1]), 1e-15);
    }

    private static double sig(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
