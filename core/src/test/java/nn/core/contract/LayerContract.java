package nn.core.contract;

import static nn.core.contract.Approx.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import nn.core.config.Node;
import nn.core.config.Yaml;
import nn.core.spi.Buffer;
import nn.core.spi.Layer;
import nn.core.spi.LayerProvider;
import nn.core.spi.Parameter;
import nn.core.tensor.Rng;
import nn.core.train.Config;
import nn.core.train.Network;
import nn.core.train.Plugins;
import nn.core.train.Registry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@link Layer} contract on random batches of each configuration a provider's test lists ({@link #configs()}),
 * each built as a user's config builds it:
 * <ul>
 * <li>backward is the vector-Jacobian product of forward over the whole batch, for every parameter element and every
 *     input element: L = Σ dout·out for a random dout, against central differences of L, where each perturbed
 *     forward runs the whole batch again (so a layer whose rows interact, as batch_norm's batch statistics make them,
 *     is checked as it is: ∂L/∂x_rj includes the effect of x_rj on every row's output). In training mode, the
 *     network's generator and every buffer are put back before each forward, so that each forward draws the same
 *     dropout mask and starts from the same running statistics; and in evaluation mode, after training batches
 *     have moved the buffers;</li>
 * <li>backward adds to each parameter's grad (twice is twice), the same with dx null (the first layer), and gives
 *     the same dx each time;</li>
 * <li>forward and backward read and write the first n rows only, leave x and out alone (backward), and evaluation
 *     is deterministic and leaves every buffer as it was; a training forward is repeatable from the same generator
 *     state and buffers;</li>
 * <li>buffers are uniquely named in snake_case, apart from the parameters, finite from the start;</li>
 * <li>the float32 path (native, or the SPI's widening fallback) agrees with the float64 one within float32 rounding;</li>
 * <li>once warm, a training step (forward and backward) allocates nothing.</li>
 * </ul>
 */
public abstract class LayerContract extends ProviderContract<LayerProvider> {
    /** Finite-difference step, and the tolerance |analytic − numeric| ≤ ABS + REL·|numeric|. */
    protected static final double EPS = 1e-6, ABS = 1e-7, REL = 1e-6;
    private static final double UNTOUCHED = -12345.678;

    /**
     * The layers to check: config entries under {@code model.layers}, such as {@code {type: batch_norm, momentum:
     * 0.3}}; each case picks one by its seed. Choose smooth activations (central differences need no kinks).
     */
    protected abstract List<String> configs();

    /** The providers layers are built from: by default every provider on the test's class path. */
    protected Plugins plugins() {
        return Plugins.load(getClass().getClassLoader());
    }

    @Override
    protected final Registry<LayerProvider> registry(Plugins plugins) {
        return plugins.layers;
    }

    /** The network of {@code {seed: S, model: {inputs: NIN, layers: [ENTRY]}}}, built as a config builds one. */
    protected Network network(long seed, int nin, String entry) {
        String yaml = "seed: " + seed + "\nmodel:\n  inputs: " + nin + "\n  layers:\n    - " + entry + "\n";
        return Config.of(Path.of("test.yaml"), (Node.Mapping) Yaml.parse(yaml, "test.yaml", 0), plugins()).network(-1);
    }

    /**
     * A batch of n rows × nin inputs in [−2, 2], spread in every row and every column: the values are a random
     * permutation of a grid of n + nin points, row r column j taking point (r + j) mod (n + nin), plus a little
     * noise; so no two values of a row or of a column are closer than the grid's step, and a layer that normalises
     * (by a row's or a column's variance) is well conditioned for central differences.
     */
    protected double[] input(Rng rng, int n, int nin) {
        int m = n + nin;
        double[] grid = new double[m];
        for (int i = 0; i < m; i++) grid[i] = -2 + 4.0 * i / (m - 1);
        for (int i = m - 1; i > 0; i--) {
            int k = rng.nextInt(i + 1);
            double t = grid[i];
            grid[i] = grid[k];
            grid[k] = t;
        }
        double[] x = new double[n * nin];
        for (int r = 0; r < n; r++) for (int j = 0; j < nin; j++) x[r * nin + j] = grid[(r + j) % m] + rng.uniform(-0.1, 0.1) / (m - 1);
        return x;
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 16);
    }

    /** One random case: a layer of configs() with random parameters, a batch x and an output gradient dout. */
    protected final class Case {
        public final String entry;
        public final Network net;
        public final Layer layer;
        public final int n, nin, nout;
        public final double[] x, dout;
        private final long rngState;
        private final double[] buffers;

        Case(long seed) {
            Rng rng = new Rng(seed);
            List<String> configs = configs();
            entry = configs.get((int) ((seed - 1) % configs.size()));
            nin = 1 + rng.nextInt(5);
            net = network(seed, nin, entry);
            layer = net.layers().get(0);
            nout = layer.nout();
            n = Math.max(layer.minTrainingBatch(), 1 + rng.nextInt(5));
            for (Parameter p : layer.parameters()) for (int i = 0; i < p.size(); i++) p.data()[i] = rng.uniform(-1.5, 1.5);
            x = input(rng, n, nin);
            dout = new double[n * nout];
            for (int i = 0; i < dout.length; i++) dout[i] = rng.uniform(-1, 1);
            layer.allocate(n);
            rngState = net.rng().state();
            buffers = net.flatBuffers();
        }

        /** The generator and every buffer as they were made: each training forward then starts from the same state. */
        public void reset() {
            net.rng().state(rngState);
            net.setFlatBuffers(buffers);
        }

        /** out = layer(x) for the case's n rows, from the reset state when training. */
        public double[] forward(double[] at, boolean training) {
            if (training) reset();
            double[] out = new double[n * nout];
            layer.forward(at, out, n, training);
            return out;
        }

        /** L = Σ dout·layer(x). */
        double objective(double[] at, boolean training) {
            double[] out = forward(at, training);
            double s = 0;
            for (int i = 0; i < out.length; i++) s += dout[i] * out[i];
            return s;
        }

        /** Moves the buffers away from their initial values with training batches of other inputs. */
        void train(Rng rng, int batches) {
            for (int b = 0; b < batches; b++) layer.forward(input(rng, n, nin), new double[n * nout], n, true);
        }

        @Override
        public String toString() {
            return entry + " on " + n + "×" + nin;
        }
    }

    /** The backward's dx and parameter gradients against central differences of Σ dout·out, the whole batch each time. */
    private void checkBackward(Case c, boolean training) {
        double[] out = c.forward(c.x, training);
        for (Parameter p : c.layer.parameters()) p.zeroGrad();
        double[] dx = new double[c.x.length];
        c.layer.backward(c.x, out, c.dout.clone(), dx, c.n);
        String mode = training ? "training" : "evaluation";
        for (Parameter p : c.layer.parameters()) {
            double[] d = p.data();
            for (int i = 0; i < d.length; i++) {
                double numeric = central(d, i, () -> c.objective(c.x, training));
                int at = i;
                assertClose(numeric, p.grad()[i], ABS, REL, () -> c + ", " + mode + ": d" + p.name() + p.index(at));
            }
        }
        double[] xi = c.x.clone();
        for (int i = 0; i < xi.length; i++) {
            double numeric = central(xi, i, () -> c.objective(xi, training));
            int at = i;
            assertClose(numeric, dx[i], ABS, REL, () -> c + ", " + mode + ": dx[" + at / c.nin + "," + at % c.nin + "]");
        }
    }

    /** (f(v + ε) − f(v − ε)) / ((v + ε) − (v − ε)) with v = a[i]; a[i] restored exactly: {@code nn plugins --check}'s differences. */
    private static double central(double[] a, int i, java.util.function.DoubleSupplier f) {
        return nn.core.check.Differences.central(a, i, EPS, f);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    public void backwardMatchesCentralDifferencesInTraining(long seed) {
        checkBackward(new Case(seed), true);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    public void backwardMatchesCentralDifferencesInEvaluation(long seed) {
        Case c = new Case(seed);
        c.train(new Rng(seed + 1000), 3);
        checkBackward(c, false);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    public void backwardAddsToGradAndTakesNullDx(long seed) {
        Case c = new Case(seed);
        for (boolean training : new boolean[] {true, false}) {
            double[] out = c.forward(c.x, training);
            for (Parameter p : c.layer.parameters()) p.zeroGrad();
            double[] dx = new double[c.x.length];
            c.layer.backward(c.x, out, c.dout.clone(), dx, c.n);
            List<double[]> once = new ArrayList<>();
            for (Parameter p : c.layer.parameters()) once.add(p.grad().clone());
            c.layer.backward(c.x, out, c.dout.clone(), null, c.n);
            for (int k = 0; k < once.size(); k++) {
                double[] twice = c.layer.parameters().get(k).grad();
                for (int i = 0; i < twice.length; i++) {
                    int at = i, kk = k;
                    assertClose(2 * once.get(k)[i], twice[i], 0, 1e-15, () -> c + ": a second backward (dx null) added to "
                            + c.layer.parameters().get(kk).name() + "[" + at + "] another value");
                }
            }
            double[] dx2 = new double[c.x.length];
            c.layer.backward(c.x, out, c.dout.clone(), dx2, c.n);
            assertArrayEquals(dx, dx2, c + ": dx of a second backward");
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    public void readsAndWritesTheFirstNRowsOnly(long seed) {
        Case c = new Case(seed);
        int pad = 2 * Math.max(c.nin, c.nout);
        c.layer.allocate(c.n + 2);
        for (boolean training : new boolean[] {true, false}) {
            double[] x = java.util.Arrays.copyOf(c.x, c.x.length + pad), out = new double[c.n * c.nout + pad];
            java.util.Arrays.fill(x, c.x.length, x.length, Double.NaN);
            java.util.Arrays.fill(out, UNTOUCHED);
            if (training) c.reset();
            c.layer.forward(x, out, c.n, training);
            double[] x0 = x.clone(), out0 = out.clone();
            double[] dout = java.util.Arrays.copyOf(c.dout, c.dout.length + pad), dx = new double[c.x.length + pad];
            java.util.Arrays.fill(dout, c.dout.length, dout.length, Double.NaN);
            java.util.Arrays.fill(dx, UNTOUCHED);
            c.layer.backward(x, out, dout, dx, c.n);
            assertArrayEquals(x0, x, c + ": backward modified x");
            assertArrayEquals(out0, out, c + ": backward modified out");
            for (int i = 0; i < out.length; i++) {
                int at = i;
                if (i < c.n * c.nout) assertTrue(Double.isFinite(out[i]) && out[i] != UNTOUCHED, () -> c + ": out[" + at + "] = " + out[at]);
                else assertEquals(UNTOUCHED, out[i], () -> c + ": wrote out[" + at + "], past n·nout = " + c.n * c.nout);
            }
            for (int i = 0; i < dx.length; i++) {
                int at = i;
                if (i < c.x.length) assertTrue(Double.isFinite(dx[i]) && dx[i] != UNTOUCHED, () -> c + ": dx[" + at + "] = " + dx[at]);
                else assertEquals(UNTOUCHED, dx[i], () -> c + ": wrote dx[" + at + "], past n·nin = " + c.x.length);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    public void evaluationIsDeterministicAndKeepsBuffersTrainingIsRepeatable(long seed) {
        Case c = new Case(seed);
        c.train(new Rng(seed + 1000), 2);
        double[] before = c.net.flatBuffers(), x0 = c.x.clone();
        double[] first = c.forward(c.x, false), second = c.forward(c.x, false);
        c.layer.backward(c.x, second, c.dout.clone(), new double[c.x.length], c.n);
        assertArrayEquals(first, second, c + ": two evaluation forwards differ");
        assertArrayEquals(before, c.net.flatBuffers(), c + ": evaluation changed a buffer");
        assertArrayEquals(x0, c.x, c + ": forward modified x");
        assertArrayEquals(c.forward(c.x, true), c.forward(c.x, true), c + ": two training forwards from the same state differ");
    }

    @Test
    public void buffersAreNamedApartFromParametersAndFinite() {
        for (String entry : configs()) {
            Layer l = network(1, 3, entry).layers().get(0);
            Set<String> names = new HashSet<>();
            for (Parameter p : l.parameters()) assertTrue(names.add(p.name()), () -> entry + ": parameter " + p.name() + " twice");
            for (Buffer b : l.buffers()) {
                assertTrue(SNAKE_CASE.matcher(b.name()).matches(), () -> entry + ": buffer '" + b.name() + "' is not snake_case");
                assertTrue(names.add(b.name()), () -> entry + ": buffer " + b.name() + " named as a parameter or another buffer");
                for (double v : b.data()) assertTrue(Double.isFinite(v), () -> entry + ": buffer " + b.name() + " starts non-finite");
            }
            assertTrue(l.minTrainingBatch() >= 1, () -> entry + ": minTrainingBatch " + l.minTrainingBatch());
        }
    }

    /**
     * The float32 forward and backward against the float64 ones on the same (float32-rounded) inputs: every value
     * within 1e-5 of the largest of its array (float32 keeps 7 digits; a dense layer rounds its weights too).
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    public void float32PathAgreesWithTheFloat64One(long seed) {
        Case c = new Case(seed);
        for (boolean training : new boolean[] {true, false}) {
            float[] x32 = new float[c.x.length], d32 = new float[c.dout.length], out32 = new float[c.n * c.nout], dx32 = new float[c.x.length];
            double[] x = new double[c.x.length], dout = new double[c.dout.length];
            for (int i = 0; i < x.length; i++) x[i] = x32[i] = (float) c.x[i];
            for (int i = 0; i < dout.length; i++) dout[i] = d32[i] = (float) c.dout[i];
            for (Parameter p : c.layer.parameters()) {
                p.narrow();
                p.zeroGrad();
            }
            double[] out = c.forward(x, training), dx = new double[x.length];
            c.layer.backward(x, out, dout.clone(), dx, c.n);
            List<double[]> grads = new ArrayList<>();
            for (Parameter p : c.layer.parameters()) {
                grads.add(p.grad().clone());
                p.data32(); // made, and so narrowed, before the float32 forward reads it
                p.narrow();
                p.zeroGrad();
            }
            if (training) c.reset();
            c.layer.forward(x32, out32, c.n, training);
            c.layer.backward(x32, out32, d32, dx32, c.n);
            String mode = training ? "training" : "evaluation";
            near(out, out32, c + ", " + mode + ": float32 out");
            near(dx, dx32, c + ", " + mode + ": float32 dx");
            for (int k = 0; k < grads.size(); k++) {
                Parameter p = c.layer.parameters().get(k);
                p.widenGrad();
                near(grads.get(k), toFloat(p.grad()), c + ", " + mode + ": float32 d" + p.name());
            }
        }
    }

    private static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) f[i] = (float) a[i];
        return f;
    }

    private static void near(double[] want, float[] got, String what) {
        double scale = 1e-30;
        for (double v : want) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < want.length; i++) {
            int at = i;
            double bound = 1e-5 * scale;
            assertTrue(Math.abs(got[i] - want[i]) <= bound, () -> what + "[" + at + "] = " + got[at] + ", float64 " + want[at] + " (bound " + bound + ")");
        }
    }

    /** 20,000 warm training steps (forward and backward) allocate (almost) nothing on the calling thread. */
    @Test
    public void aWarmTrainingStepAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        for (String entry : configs()) {
            Network net = network(1, 8, entry);
            Layer l = net.layers().get(0);
            int n = 16;
            l.allocate(n);
            double[] x = input(new Rng(2), n, 8), out = new double[n * l.nout()], dout = new double[n * l.nout()], dx = new double[n * 8];
            java.util.Arrays.fill(dout, 0.01);
            long before = 0;
            for (int s = 0; s < 40_000; s++) {
                if (s == 20_000) before = threads.getThreadAllocatedBytes(id);
                l.forward(x, out, n, true);
                l.backward(x, out, dout, dx, n);
                if (s % 64 == 0) for (Parameter p : l.parameters()) p.zeroGrad();
            }
            long bytes = threads.getThreadAllocatedBytes(id) - before;
            assertTrue(bytes < 20_000, entry + ": " + bytes + " bytes allocated over 20,000 steps");
        }
    }

    @Test
    public void everyConfigBuilds() {
        assertFalse(configs().isEmpty(), "no configs to check");
        for (String entry : configs()) {
            Layer l = network(1, 3, entry).layers().get(0);
            assertEquals(3, l.nin(), entry);
        }
    }
}
