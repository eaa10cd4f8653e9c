package nn.core.contract;

import static nn.core.contract.Approx.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import nn.core.check.Differences;
import nn.core.spi.Activation;
import nn.core.spi.ActivationProvider;
import nn.core.spi.Loss;
import nn.core.spi.LossProvider;
import nn.core.tensor.Rng;
import nn.core.train.Plugins;
import nn.core.train.Registry;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@link Loss} contract on random batches: the gradient is that of the value (central differences, as
 * {@link Differences#loss} and so {@code nn plugins --check} compute them), the value
 * is finite and deterministic, y and t are not modified, and only rows·cols values are touched. Subclasses say how
 * to draw valid predictions and targets, and give reference values computed from the documented formula.
 *
 * <p>A loss with fused forms ({@link Loss#fusedWith}) is checked for each activation it fuses with, on random
 * moderate pre-activations z: the fused gradient is that of the fused value (central differences on z), and both equal
 * the loss of the activation's output, value(f(z)) and f's backward of gradient(f(z)), to 1e-12 relative. These checks
 * are skipped for a loss that fuses with no activation.
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

    /** Relative agreement of a fused loss with the unfused one on moderate z, value and gradient. */
    protected static final double FUSED_REL = 1e-12;

    /** The loss under test: by default the provider with its declared defaults. */
    protected Loss loss() {
        return provider().create(ProviderParams.of(provider(), ""));
    }

    @Override
    protected final Registry<LossProvider> registry(Plugins plugins) {
        return plugins.losses;
    }

    /**
     * The activations, by name, a fused form is asked for ({@link Loss#fusedWith}): by default every activation
     * registered through ServiceLoader, with its declared defaults.
     */
    protected Map<String, Activation> activations() {
        Map<String, Activation> out = new LinkedHashMap<>();
        for (ActivationProvider p : Plugins.load(getClass().getClassLoader()).activations.all()) {
            out.put(p.name(), p.create(ProviderParams.of(p, "")));
        }
        return out;
    }

    /** An activation f and this loss fused with it. */
    private record Fusion(String name, Activation f, Loss fused) {}

    private List<Fusion> fusions() {
        List<Fusion> out = new ArrayList<>();
        activations().forEach((name, f) -> {
            Loss fused = loss().fusedWith(name);
            if (fused != null) out.add(new Fusion(name, f, fused));
        });
        return out;
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

        double[] numeric = Differences.loss(loss, b.y.clone(), b.t, b.rows, b.cols, EPS);
        for (int i = 0; i < b.n; i++) {
            int at = i;
            assertClose(numeric[i], dy[i], ABS, REL, () -> "dy[" + at + "] vs central difference, " + b);
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

    /** Pre-activations z uniform in (−3, 3), targets as {@link #sample} draws them. */
    private final class Logits {
        final Batch b;
        final double[] z;

        Logits(long seed) {
            b = new Batch(seed);
            Rng rng = new Rng(seed ^ 0x5DEECE66DL);
            z = new double[b.n];
            for (int i = 0; i < b.n; i++) z[i] = rng.uniform(-3, 3);
        }

        @Override
        public String toString() {
            return b.rows + "×" + b.cols + " z=" + Arrays.toString(z) + " t=" + Arrays.toString(b.t);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    public void fusedGradientMatchesCentralDifferencesOnZ(long seed) {
        List<Fusion> fusions = fusions();
        Assumptions.assumeFalse(fusions.isEmpty(), "fuses with no activation");
        Logits c = new Logits(seed);
        Batch b = c.b;
        int pad = 3;
        for (Fusion fu : fusions) {
            double[] z = Arrays.copyOf(c.z, b.n + pad), t = Arrays.copyOf(b.t, b.n + pad), dz = new double[b.n + pad];
            Arrays.fill(z, b.n, b.n + pad, Double.NaN);
            Arrays.fill(t, b.n, b.n + pad, Double.NaN);
            Arrays.fill(dz, UNTOUCHED);
            double v = fu.fused().value(z, t, b.rows, b.cols);
            assertTrue(Double.isFinite(v), () -> "fused with " + fu.name() + ": value " + v + ", " + c);
            fu.fused().gradient(z, t, dz, b.rows, b.cols);
            assertArrayEquals(Arrays.copyOf(c.z, b.n), Arrays.copyOf(z, b.n), "fused with " + fu.name() + ": modified z");
            assertArrayEquals(Arrays.copyOf(b.t, b.n), Arrays.copyOf(t, b.n), "fused with " + fu.name() + ": modified t");
            for (int i = b.n; i < b.n + pad; i++) {
                int at = i;
                assertEquals(UNTOUCHED, dz[i], () -> "fused with " + fu.name() + ": wrote dz[" + at + "] beyond rows·cols = " + b.n);
            }
            double[] numeric = Differences.loss(fu.fused(), c.z.clone(), b.t, b.rows, b.cols, EPS);
            for (int i = 0; i < b.n; i++) {
                int at = i;
                assertClose(numeric[i], dz[i], ABS, REL, () -> "fused with " + fu.name() + ": dz[" + at + "] vs central difference, " + c);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    public void fusedEqualsTheLossOfTheActivationsOutput(long seed) {
        List<Fusion> fusions = fusions();
        Assumptions.assumeFalse(fusions.isEmpty(), "fuses with no activation");
        Logits c = new Logits(seed);
        Batch b = c.b;
        Loss loss = loss();
        for (Fusion fu : fusions) {
            double[] y = new double[b.n], dy = new double[b.n], unfused = new double[b.n], fused = new double[b.n];
            fu.f().forward(c.z, y, b.rows, b.cols);
            loss.gradient(y, b.t, dy, b.rows, b.cols);
            fu.f().backward(c.z, y, dy, unfused, b.rows, b.cols);
            fu.fused().gradient(c.z, b.t, fused, b.rows, b.cols);
            double expected = loss.value(y, b.t, b.rows, b.cols);
            assertClose(expected, fu.fused().value(c.z, b.t, b.rows, b.cols), 0.0, FUSED_REL,
                    () -> "fused with " + fu.name() + ": value vs " + provider().name() + "(" + fu.name() + "(z)), " + c);
            for (int i = 0; i < b.n; i++) {
                int at = i;
                assertClose(unfused[i], fused[i], 0.0, FUSED_REL,
                        () -> "fused with " + fu.name() + ": dz[" + at + "] vs " + fu.name() + "'s backward of the gradient, " + c);
            }
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
