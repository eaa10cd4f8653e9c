package nn.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import nn.core.BadInputException;
import nn.core.DivergedException;
import nn.core.train.Experiment;
import nn.core.train.Metrics;
import nn.core.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.AssertionFailedError;

/**
 * The checkpoint reader under seeded random damage ({@link Mutations}) to four files real runs wrote (a regression
 * with early stopping, a classification, a run of no epochs, a run stopped early). For a changed header or changed
 * data with the checksum recomputed, either the file is read consistently or it is refused: decode returns, and the
 * model its config builds predicts (features, classes or targets and statistics as wide as the network, a forward
 * pass, class names looked up) and a run resumed from it trains an epoch and writes a file the reader accepts (or
 * diverges: weights of 1e308 are finite); or decode, model or restore throws one {@link BadInputException} whose
 * message is one line starting with the file's name (and its stored config's line and column for a config mistake). Any other exception (ClassCastException, NullPointerException,
 * IndexOutOfBounds, NegativeArraySize, OutOfMemoryError, …) fails the test. Bytes changed without the checksum are
 * always refused. 200 × 8 + 60 × 6 + 100 × 6 = 2,560 changed files, in
 * about five seconds.
 */
class CheckpointFuzzTest {
    static final String FILE = "runs/fuzz/last.ckpt";

    /** A file a run wrote, and the config and overrides that run had (what nn train --resume --force would use). */
    private record Base(String name, String yaml, List<String> overrides, byte[] bytes) {
        static Base of(String name, String yaml, String... overrides) {
            return new Base(name, yaml, List.of(overrides), TinyRuns.trained(yaml, overrides));
        }
    }

    private static final List<Base> BASES = List.of(Base.of("regression", TinyRuns.REGRESSION), Base.of("labels", TinyRuns.LABELS),
            Base.of("no epochs", TinyRuns.REGRESSION, "training.epochs=0"),
            Base.of("stopped early", TinyRuns.REGRESSION, "optimizer.learning_rate=3.5", "training.early_stopping.patience=1", "training.epochs=30"));

    static LongStream headerSeeds() {
        return LongStream.range(0, 200);
    }

    static LongStream dataSeeds() {
        return LongStream.range(1000, 1060);
    }

    static LongStream byteSeeds() {
        return LongStream.range(2000, 2100);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("headerSeeds")
    void aChangedHeaderIsReadConsistentlyOrRefusedInOneLine(long seed) {
        Random r = new Random(seed);
        for (int k = 0; k < 8; k++) {
            Base base = BASES.get(r.nextInt(BASES.size()));
            CheckpointBytes f = CheckpointBytes.of(base.bytes());
            String what = base.name() + ", seed " + seed + ": " + Mutations.header(f.header(), r);
            readConsistentlyOrRefused(f.encode(), base, what);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dataSeeds")
    void changedDataAreReadConsistentlyOrRefusedInOneLine(long seed) {
        Random r = new Random(seed);
        for (int k = 0; k < 6; k++) {
            Base base = BASES.get(r.nextInt(BASES.size()));
            CheckpointBytes f = CheckpointBytes.of(base.bytes());
            String what = base.name() + ", seed " + seed + ": " + Mutations.data(f, r);
            readConsistentlyOrRefused(f.encode(), base, what);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("byteSeeds")
    void bytesChangedWithoutTheChecksumAreRefused(long seed) {
        Random r = new Random(seed);
        for (int k = 0; k < 6; k++) {
            Base base = BASES.get(r.nextInt(BASES.size()));
            byte[] b = base.bytes().clone();
            String what = base.name() + ", seed " + seed + ": " + Mutations.bytes(b, r);
            oneLine(assertThrows(BadInputException.class, () -> CheckpointFile.decode(b, FILE), what), what);
        }
    }

    /** The fuzz is not all refusals nor all acceptances: both outcomes are common, so both paths are exercised. */
    @Test
    void changedHeadersAreOftenAcceptedAndOftenRefused() {
        Random r = new Random(7);
        int accepted = 0, n = 400;
        for (int k = 0; k < n; k++) {
            CheckpointBytes f = CheckpointBytes.of(BASES.get(k % BASES.size()).bytes());
            Mutations.header(f.header(), r);
            try {
                CheckpointFile.decode(f.encode(), FILE);
                accepted++;
            } catch (BadInputException e) {
                // counted by difference
            }
        }
        assertTrue(accepted > n / 10 && accepted < n * 9 / 10, accepted + " of " + n + " accepted");
    }

    /** bytes decode, build a model that predicts, and resume, or one of those refuses them in one line. */
    private static void readConsistentlyOrRefused(byte[] bytes, Base base, String what) {
        Checkpoint c = readOrRefused(() -> CheckpointFile.decode(bytes, FILE), what);
        if (c == null) return;
        Checkpoint.Model m = readOrRefused(() -> c.model(TinyRuns.PLUGINS, FILE), what);
        if (m != null) predicts(m, what);
        if (c.steps() < 1L << 40) resumes(c, base, what); // past 2^63 steps the counter would overflow: no run gets there
    }

    /** What nn predict and nn eval rely on, then a forward pass of three rows with the class names looked up. */
    private static void predicts(Checkpoint.Model m, String what) {
        Checkpoint c = m.checkpoint();
        int nin = m.network().nin(), nout = m.network().nout();
        try {
            assertEquals(nin, c.features().size(), what);
            assertEquals(nin, m.normalizer().shift().length, what);
            assertEquals(nin, m.normalizer().scale().length, what);
            assertEquals(nout, c.classes() != null ? c.classes().size() : c.targets().size(), what);
            int tw = m.targetNormalizer().shift().length;
            assertTrue(tw == 0 || tw == nout, what);
            double[] x = new double[3 * nin];
            for (int i = 0; i < x.length; i++) x[i] = i * 0.25;
            if (m.inputScale() != 1) for (int i = 0; i < x.length; i++) x[i] /= m.inputScale();
            m.normalizer().apply(x, 3);
            double[] y = java.util.Arrays.copyOf(m.network().forward(x, 3, false), 3 * nout);
            if (c.classes() != null) {
                for (int r = 0; r < 3; r++) assertFalse(c.classes().get(Metrics.predicted(y, r, nout)).isEmpty(), what);
            } else if (!m.targetNormalizer().kind().equals("none")) {
                m.targetNormalizer().invert(y, 0, 3);
            }
        } catch (AssertionFailedError e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionFailedError(what + ": predicting threw " + t, t);
        }
    }

    /**
     * As nn train --resume --force: restores c into a fresh run of the base config and trains one more epoch; the
     * file that run would write must be read back.
     */
    private static void resumes(Checkpoint c, Base base, String what) {
        String[] overrides = java.util.stream.Stream.concat(base.overrides().stream(), java.util.stream.Stream.of("training.epochs=" + (c.epoch() + 1)))
                .toArray(String[]::new);
        byte[] next = readOrRefused(() -> {
            Experiment e = TinyRuns.experiment(base.yaml(), overrides);
            Trainer t = new Trainer(e);
            c.restore(e, t, FILE);
            if (c.stoppedEarly()) t.resetPatience();
            try {
                t.run(new Trainer.Listener() {}, () -> {});
            } catch (DivergedException d) {
                return null; // finite but huge weights
            }
            return CheckpointFile.encode(Checkpoint.of(e, t));
        }, what);
        if (next == null) return;
        try {
            CheckpointFile.decode(next, FILE);
        } catch (Throwable t) {
            throw new AssertionFailedError(what + ": the resumed run's checkpoint is refused: " + t, t);
        }
    }

    /** step's value, or null when it refuses with one line; any other exception fails, saying what was changed. */
    private static <T> T readOrRefused(Supplier<T> step, String what) {
        try {
            return step.get();
        } catch (BadInputException e) {
            oneLine(e, what);
            return null;
        } catch (AssertionFailedError e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionFailedError(what + ": threw " + t, t);
        }
    }

    /** The file first: "FILE: …", or "FILE (stored config):LINE:COLUMN: …" for a mistake in the stored config. */
    private static void oneLine(BadInputException e, String what) {
        String m = e.getMessage();
        if (m == null || !(m.startsWith(FILE + ": ") || m.startsWith(FILE + " (stored config):")) || m.contains("\n") || m.contains("\r")) {
            throw new AssertionFailedError(what + ": not one line starting with the file: " + m, e);
        }
    }
}
