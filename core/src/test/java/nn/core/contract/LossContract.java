package nn.core.contract;

import static nn.core.contract.Approx.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import nn.core.spi.Loss;
import nn.core.spi.LossProvider;
import nn.core.tensor.Rng;
import nn.core.train.Plugins;
import nn.core.train.Registry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@link Loss} contract on random batches: the gradient is that of the value (central differences), the value
 * is finite and deterministic, y and t are not modified, and only rows·cols values are touched. Subclasses say how
 * to draw valid predictions and targets, and give reference values computed from the documented formula.
 */
public abstract class LossContract extends ProviderContract<LossProvider> {
    /** Finite-difference step, and the tolerance |analytic − numeric| ≤ ABS + REL·|numeric|. */
    protected static final double EPS = 1e-6, ABS = 1e-7, REL = 1e-6;
    private static final double UNTOUCHED = -12345.678;

    /** The loss of predictions y against targets t, computed independently of the code under test. */
    public record Reference(int rows, int cols, double[] y, double[] t, double value) {}

    /** The reference values; at least one. */
    protected abstract List<Reference> references();

    /** Relative tolerance for {@link #references()}. */
    protected double referenceTolerance() {
        return 1e-14;
    }

    /**
     * Fills y and t (rows × cols) with a valid random case, away from points where the loss is not differentiable
     * (e.g. probabilities for cross-entropy, |y − t| not tiny for mae).
     */
    protected abstract void sample(Rng rng, double[] y, double[] t, int rows, int cols);

    /** The loss under test: by default the provider with its declared defaults. */
    protected Loss loss() {
        return provider().create(ProviderParams.of(provider(), ""));
    }

    @Override
    protected final Registry<LossProvider> registry(Plugins plugins) {
        return plugins.losses;
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 20);
    }

    /** A random case: rows in 1..4, cols in 1..6. */
    private final class Batch {
        final int rows, cols, n;
        final double[] y, t;

        Batch(long seed) {
            Rng rng = new Rng(seed);
            rows = 1 + rng.nextInt(4);
            cols = 1 + rng.nextInt(6);
            n = rows * cols;
            y = new double[n];
            t = new double[n];
            sample(rng, y, t, rows, cols);
        }

        @Override
        public String toString() {
            return rows + "×" + cols + " y=" + Arrays.toString(y) + " t=" + Arrays.toString(t);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    public void gradientMatchesCentralDifferences(long seed) {
        Batch b = new Batch(seed);
        Loss loss = loss();
        double[] y0 = b.y.clone(), t0 = b.t.clone();
        double[] dy = new double[b.n];
        loss.gradient(b.y, b.t, dy, b.rows, b.cols);
        assertArrayEquals(y0, b.y, "gradient modified y");
        assertArrayEquals(t0, b.t, "gradient modified t");

        double[] yi = b.y.clone();
        for (int i = 0; i < b.n; i++) {
            double plus = b.y[i] + EPS, minus = b.y[i] - EPS;
            yi[i] = plus;
            double lp = loss.value(yi, b.t, b.rows, b.cols);
            yi[i] = minus;
            double lm = loss.value(yi, b.t, b.rows, b.cols);
            yi[i] = b.y[i];
            double numeric = (lp - lm) / (plus - minus);
            int at = i;
            assertClose(numeric, dy[i], ABS, REL, () -> "dy[" + at + "] vs central difference, " + b);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    public void valueIsFiniteDeterministicAndLeavesInputs(long seed) {
        Batch b = new Batch(seed);
        double[] y0 = b.y.clone(), t0 = b.t.clone();
        double v = loss().value(b.y, b.t, b.rows, b.cols);
        assertTrue(Double.isFinite(v), () -> "value " + v + ", " + b);
        assertArrayEquals(y0, b.y, "value modified y");
        assertArrayEquals(t0, b.t, "value modified t");
        assertEquals(v, loss().value(b.y, b.t, b.rows, b.cols), "a second call gave another value");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    public void touchesOnlyRowsTimesColsValues(long seed) {
        Batch b = new Batch(seed);
        int pad = 3;
        double[] y = Arrays.copyOf(b.y, b.n + pad), t = Arrays.copyOf(b.t, b.n + pad), dy = new double[b.n + pad];
        Arrays.fill(y, b.n, b.n + pad, Double.NaN);
        Arrays.fill(t, b.n, b.n + pad, Double.NaN);
        Arrays.fill(dy, UNTOUCHED);
        Loss loss = loss();
        assertEquals(loss.value(b.y, b.t, b.rows, b.cols), loss.value(y, t, b.rows, b.cols), "value read beyond rows·cols");
        loss.gradient(y, t, dy, b.rows, b.cols);
        for (int i = 0; i < b.n + pad; i++) {
            int at = i;
            if (i < b.n) assertTrue(dy[i] != UNTOUCHED && Double.isFinite(dy[i]), () -> "dy[" + at + "] = " + dy[at]);
            else assertEquals(UNTOUCHED, dy[i], () -> "wrote dy[" + at + "] beyond rows·cols = " + b.n);
        }
    }

    @Test
    public void matchesReferenceValues() {
        List<Reference> refs = references();
        assertFalse(refs.isEmpty(), "no reference values");
        Loss loss = loss();
        for (Reference r : refs) {
            double v = loss.value(r.y().clone(), r.t().clone(), r.rows(), r.cols());
            assertClose(r.value(), v, 0.0, referenceTolerance(),
                    () -> provider().name() + "(y=" + Arrays.toString(r.y()) + ", t=" + Arrays.toString(r.t()) + ")");
        }
    }
}
