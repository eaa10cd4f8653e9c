package nn.core.contract;

import static nn.core.contract.Approx.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import nn.core.check.Differences;
import nn.core.spi.Activation;
import nn.core.spi.ActivationProvider;
import nn.core.tensor.Rng;
import nn.core.train.Plugins;
import nn.core.train.Registry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@link Activation} contract on random batches: backward is the Jacobian-vector product of forward (checked
 * against central differences with a random dout, so non-element-wise functions such as softmax are covered; the
 * differences are {@link Differences#activation}'s, the ones {@code nn plugins --check} computes),
 * forward is deterministic and leaves z alone, backward may write into dout, and only rows·cols values are touched.
 * Subclasses give independently computed reference values.
 */
public abstract class ActivationContract extends ProviderContract<ActivationProvider> {
    /** Finite-difference step, and the tolerance |analytic − numeric| ≤ ABS + REL·|numeric|. */
    protected static final double EPS = 1e-6, ABS = 1e-7, REL = 1e-6;
    private static final double UNTOUCHED = -12345.678;

    /** f(z) for one batch, computed independently of the code under test (python3 with mpmath, or by hand). */
    public record Reference(int rows, int cols, double[] z, double[] out) {
        /** One value: f(z) = out. */
        public static Reference at(double z, double out) {
            return new Reference(1, 1, new double[] {z}, new double[] {out});
        }
    }

    /** The reference values; at least one. */
    protected abstract List<Reference> references();

    /** Relative tolerance for {@link #references()}. */
    protected double referenceTolerance() {
        return 1e-15;
    }

    /** The activation under test: by default the provider with its declared defaults. */
    protected Activation activation() {
        return provider().create(ProviderParams.of(provider(), ""));
    }

    /** Random inputs are drawn uniformly from [low, high), skipping {@link #nearKink} values. */
    protected double low() {
        return -5.0;
    }

    protected double high() {
        return 5.0;
    }

    /** True where f is not differentiable enough for central differences (e.g. |z| < 1e-3 for relu). */
    protected boolean nearKink(double z) {
        return false;
    }

    @Override
    protected final Registry<ActivationProvider> registry(Plugins plugins) {
        return plugins.activations;
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 20);
    }

    /** A random batch: rows in 1..4, cols in 1..6, z from the input range, dout in [-1, 1). */
    private final class Batch {
        final int rows, cols, n;
        final double[] z, dout;

        Batch(long seed) {
            Rng rng = new Rng(seed);
            rows = 1 + rng.nextInt(4);
            cols = 1 + rng.nextInt(6);
            n = rows * cols;
            z = new double[n];
            dout = new double[n];
            for (int i = 0; i < n; i++) {
                double v;
                do v = rng.uniform(low(), high()); while (nearKink(v));
                z[i] = v;
                dout[i] = rng.uniform(-1, 1);
            }
        }

        double[] forward(Activation f, double[] at) {
            double[] out = new double[n];
            f.forward(at, out, rows, cols);
            return out;
        }

        @Override
        public String toString() {
            return rows + "×" + cols + " z=" + Arrays.toString(z);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    public void backwardMatchesCentralDifferences(long seed) {
        Batch b = new Batch(seed);
        Activation f = activation();
        double[] out = b.forward(f, b.z);
        double[] z0 = b.z.clone(), out0 = out.clone(), dout0 = b.dout.clone();
        double[] dz = new double[b.n];
        f.backward(b.z, out, b.dout, dz, b.rows, b.cols);
        assertArrayEquals(z0, b.z, "backward modified z");
        assertArrayEquals(out0, out, "backward modified out");
        assertArrayEquals(dout0, b.dout, "backward modified dout");

        double[] numeric = Differences.activation(f, b.z, b.dout, b.rows, b.cols, EPS);
        for (int i = 0; i < b.n; i++) {
            int at = i;
            assertClose(numeric[i], dz[i], ABS, REL, () -> "dz[" + at + "] vs central difference, " + b);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    public void forwardIsDeterministicAndLeavesZ(long seed) {
        Batch b = new Batch(seed);
        double[] z0 = b.z.clone();
        double[] first = b.forward(activation(), b.z);
        assertArrayEquals(z0, b.z, "forward modified z");
        assertArrayEquals(first, b.forward(activation(), b.z), "a second forward gave other values");
        for (int i = 0; i < b.n; i++) {
            int at = i;
            assertTrue(Double.isFinite(first[i]), () -> "f(z)[" + at + "] = " + first[at] + ", " + b);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    public void backwardMayWriteIntoDout(long seed) {
        Batch b = new Batch(seed);
        Activation f = activation();
        double[] out = b.forward(f, b.z);
        double[] dz = new double[b.n];
        f.backward(b.z, out, b.dout, dz, b.rows, b.cols);
        double[] inPlace = b.dout.clone();
        f.backward(b.z, out, inPlace, inPlace, b.rows, b.cols);
        assertArrayEquals(dz, inPlace, "backward with dz == dout differs from separate arrays");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    public void touchesOnlyRowsTimesColsValues(long seed) {
        Batch b = new Batch(seed);
        Activation f = activation();
        int pad = 3;
        double[] z = Arrays.copyOf(b.z, b.n + pad), out = new double[b.n + pad];
        double[] dout = Arrays.copyOf(b.dout, b.n + pad), dz = new double[b.n + pad];
        Arrays.fill(z, b.n, b.n + pad, Double.NaN);
        Arrays.fill(out, UNTOUCHED);
        Arrays.fill(dout, b.n, b.n + pad, Double.NaN);
        Arrays.fill(dz, UNTOUCHED);
        f.forward(z, out, b.rows, b.cols);
        f.backward(z, out, dout, dz, b.rows, b.cols);
        for (int i = 0; i < b.n + pad; i++) {
            int at = i;
            if (i < b.n) {
                assertFalse(out[i] == UNTOUCHED || dz[i] == UNTOUCHED, () -> "value " + at + " of " + b.n + " not written");
                assertTrue(Double.isFinite(out[i]) && Double.isFinite(dz[i]), () -> "value " + at + " read beyond rows·cols");
            } else {
                assertTrue(out[i] == UNTOUCHED && dz[i] == UNTOUCHED, () -> "wrote index " + at + " beyond rows·cols = " + b.n);
            }
        }
    }

    /**
     * The float32 path (native or the SPI's widening fallback) agrees with the float64 one on the same inputs within
     * float32 rounding: |f32 − f64| ≤ 4 ulp(f64) + 1e-30, for forward and backward (dz == dout, as the dense layer
     * calls it).
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    public void float32PathRoundsTheFloat64One(long seed) {
        Batch b = new Batch(seed);
        Activation f = activation();
        float[] z32 = new float[b.n], out32 = new float[b.n], d32 = new float[b.n];
        double[] z = new double[b.n], dout = new double[b.n];
        for (int i = 0; i < b.n; i++) {
            z32[i] = (float) b.z[i];
            z[i] = z32[i];
            d32[i] = (float) b.dout[i];
            dout[i] = d32[i];
        }
        double[] out = b.forward(f, z), dz = new double[b.n];
        f.backward(z, out, dout, dz, b.rows, b.cols);
        f.forward(z32, out32, b.rows, b.cols);
        f.backward(z32, out32, d32, d32, b.rows, b.cols);
        for (int i = 0; i < b.n; i++) {
            int at = i;
            assertTrue(Math.abs(out32[i] - out[i]) <= 4 * Math.ulp((float) out[i]) + 1e-30,
                    () -> "float32 f(z)[" + at + "] = " + out32[at] + ", float64 " + out[at] + ", " + b);
            assertTrue(Math.abs(d32[i] - dz[i]) <= 4 * Math.ulp((float) dz[i]) + 1e-30 + 1e-6 * Math.abs(dout[i]),
                    () -> "float32 dz[" + at + "] = " + d32[at] + ", float64 " + dz[at] + ", " + b);
        }
    }

    @Test
    public void matchesReferenceValues() {
        List<Reference> refs = references();
        assertFalse(refs.isEmpty(), "no reference values");
        Activation f = activation();
        for (Reference r : refs) {
            double[] out = new double[r.out().length];
            f.forward(r.z().clone(), out, r.rows(), r.cols());
            assertClose(r.out(), out, out.length, 0.0, referenceTolerance(), () -> provider().name() + Arrays.toString(r.z()));
        }
    }
}
