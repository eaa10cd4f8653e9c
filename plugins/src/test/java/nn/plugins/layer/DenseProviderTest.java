package nn.plugins.layer;

import static nn.core.contract.Approx.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import nn.core.config.ConfigException;
import nn.core.contract.LayerContract;
import nn.core.spi.Layer;
import nn.core.spi.LayerProvider;
import nn.core.spi.Parameter;
import nn.core.tensor.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Dense layers built from YAML: forward against hand values, backward against central differences. */
class DenseProviderTest extends LayerContract {
    private static final double EPS = 1e-6, ABS = 1e-7, REL = 1e-6;

    @Override
    protected LayerProvider provider() {
        return new DenseProvider();
    }

    /** Smooth activations, softmax among them (its outputs interact), with and without bias. */
    @Override
    protected List<String> configs() {
        return List.of("{units: 3, activation: tanh}", "{units: 2, activation: softmax, bias: false}", "{units: 4, activation: sigmoid}",
                "{units: 1, activation: identity, weights: {init: normal, std: 1.0}}");
    }

    static final String W = "[[0.5, -1.0, 2.0], [1.5, 0.25, -0.5]]";
    static final double[] X = {1.0, 2.0, 3.0, -1.0, 0.5, 4.0};

    private static double[] forward(Layer l, double[] x, int n) {
        l.allocate(n);
        double[] out = new double[n * l.nout()];
        l.forward(x, out, n, false);
        return out;
    }

    /** z = x·Wᵀ + b by hand: row 0 (1, 2, 3) gives 0.5 − 2 + 6 + 0.1 = 4.6 and 1.5 + 0.5 − 1.5 − 0.2 = 0.3. */
    @Test
    void forwardIsXTimesWTransposedPlusBias() {
        Layer l = Layers.one(1, 3, "{type: dense, units: 2, weights: " + W + ", bias: [0.1, -0.2]}");
        assertEquals(3, l.nin());
        assertEquals(2, l.nout());
        assertArrayEquals(new double[] {4.6, 0.3, 7.1, -3.575}, forward(l, X, 2), 1e-15);
    }

    /** python3: [math.tanh(v) for v in (4.6, 0.3, 7.1, -3.575)]. */
    @Test
    void forwardAppliesTheActivationAfterTheAffineMap() {
        Layer l = Layers.one(1, 3, "{units: 2, activation: tanh, weights: " + W + ", bias: [0.1, -0.2]}");
        assertArrayEquals(new double[] {0.9997979416121845, 0.2913126124515909, 0.9999986384046582, -0.998431502894418},
                forward(l, X, 2), 1e-15);
    }

    @Test
    void biasFalseHasNoBiasParameterAndAddsNothing() {
        Layer l = Layers.one(1, 3, "{units: 2, weights: " + W + ", bias: false}");
        assertEquals(List.of("weight"), l.parameters().stream().map(Parameter::name).toList());
        assertArrayEquals(new double[] {4.5, 0.5, 7.0, -3.375}, forward(l, X, 2), 1e-15);
    }

    @Test
    void weightIsUnitsByInputsAndBiasOnePerUnitAsTorchLinear() {
        Layer l = Layers.one(1, 3, "{units: 2, weights: " + W + ", bias: [0.1, -0.2]}");
        List<Parameter> ps = l.parameters();
        assertEquals(List.of("weight", "bias"), ps.stream().map(Parameter::name).toList());
        assertArrayEquals(new int[] {2, 3}, ps.get(0).shape());
        assertArrayEquals(new double[] {0.5, -1.0, 2.0, 1.5, 0.25, -0.5}, ps.get(0).data());
        assertArrayEquals(new int[] {2}, ps.get(1).shape());
        assertArrayEquals(new double[] {0.1, -0.2}, ps.get(1).data());
    }

    @Test
    void explicitMatrixOfTheWrongShapeNamesBothShapes() {
        // 3×2 (inputs × units, the Keras order) where 2×3 (units × inputs) is expected
        ConfigException e = assertThrows(ConfigException.class,
                () -> Layers.one(1, 3, "{units: 2, weights: [[1, 2], [3, 4], [5, 6]]}"));
        assertTrue(e.getMessage().contains("model.layers[0].weights"), e::getMessage);
        assertTrue(e.getMessage().contains("2 rows × 3 columns"), e::getMessage);
        assertTrue(e.getMessage().contains("3 rows × 2 columns"), e::getMessage);
        // the right number of rows but every row too short
        ConfigException f = assertThrows(ConfigException.class, () -> Layers.one(1, 3, "{units: 2, weights: [[1, 2], [3, 4]]}"));
        assertTrue(f.getMessage().contains("2 rows × 3 columns"), f::getMessage);
        assertTrue(f.getMessage().contains("2 rows × 2 columns"), f::getMessage);
    }

    @Test
    void biasListOfTheWrongLengthNamesBothLengths() {
        ConfigException e = assertThrows(ConfigException.class, () -> Layers.one(1, 3, "{units: 2, bias: [1, 2, 3]}"));
        assertTrue(e.getMessage().contains("model.layers[0].bias: expected a list of 2 numbers"), e::getMessage);
        assertTrue(e.getMessage().contains("found 3"), e::getMessage);
    }

    @Test
    void unitsIsRequired() {
        ConfigException e = assertThrows(ConfigException.class, () -> Layers.one(1, 3, "{activation: tanh}"));
        assertTrue(e.getMessage().contains("units"), e::getMessage);
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 20);
    }

    /** Smooth activations only (central differences need no kinks), softmax among them as the non-element-wise one. */
    private static final List<String> SMOOTH = List.of("identity", "tanh", "sigmoid", "softmax", "gelu", "softplus");

    /**
     * For L = Σ dout·out with a random dout, backward's dW, db and dx against central differences of L, on a random
     * shape (1..4 rows, 1..5 inputs, 1..5 units) with and without bias.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void backwardMatchesCentralDifferences(long seed) {
        Rng rng = new Rng(seed);
        int n = 1 + rng.nextInt(4), nin = 1 + rng.nextInt(5), units = 1 + rng.nextInt(5);
        String act = SMOOTH.get(rng.nextInt(SMOOTH.size()));
        boolean bias = seed % 2 == 0;
        Layer l = Layers.one(seed, nin, "{units: " + units + ", activation: " + act + ", weights: {init: normal, std: 1.0}, bias: "
                + (bias ? "{init: uniform, a: -1.0, b: 1.0}" : "false") + "}");
        String what = n + "×" + nin + " → " + units + " " + act + (bias ? "" : " no bias");
        assertEquals(bias ? 2 : 1, l.parameters().size(), what);
        double[] x = new double[n * nin], dout = new double[n * units];
        for (int i = 0; i < x.length; i++) x[i] = rng.uniform(-2, 2);
        for (int i = 0; i < dout.length; i++) dout[i] = rng.uniform(-1, 1);

        double[] out = forward(l, x, n);
        double[] dx = new double[x.length];
        for (Parameter p : l.parameters()) p.zeroGrad();
        l.backward(x, out, dout.clone(), dx, n);

        for (Parameter p : l.parameters()) {
            double[] d = p.data();
            for (int i = 0; i < d.length; i++) {
                double keep = d[i];
                d[i] = keep + EPS;
                double plus = objective(l, x, dout, n);
                d[i] = keep - EPS;
                double minus = objective(l, x, dout, n);
                d[i] = keep;
                int at = i;
                assertClose((plus - minus) / (2 * EPS), p.grad()[i], ABS, REL, () -> what + ": d" + p.name() + p.index(at));
            }
        }
        double[] xi = x.clone();
        for (int i = 0; i < x.length; i++) {
            xi[i] = x[i] + EPS;
            double plus = objective(l, xi, dout, n);
            xi[i] = x[i] - EPS;
            double minus = objective(l, xi, dout, n);
            xi[i] = x[i];
            int at = i;
            assertClose((plus - minus) / (2 * EPS), dx[i], ABS, REL, () -> what + ": dx[" + at + "]");
        }
    }

    private static double objective(Layer l, double[] x, double[] dout, int n) {
        double[] out = forward(l, x, n);
        double s = 0;
        for (int i = 0; i < out.length; i++) s += dout[i] * out[i];
        return s;
    }

    /** Backward adds to grad (the trainer zeroes it), and dx may be null (the first layer). */
    @Test
    void backwardAccumulatesIntoGradAndAcceptsNoDx() {
        Layer l = Layers.one(1, 3, "{units: 2, weights: " + W + ", bias: [0.1, -0.2]}");
        double[] out = forward(l, X, 2);
        double[] dout = {1.0, -1.0, 0.5, 2.0};
        l.backward(X, out, dout.clone(), null, 2);
        // identity: dW = doutᵀ·x, db = Σ_rows dout
        double[] dW = {1.0 * 1 + 0.5 * -1, 1.0 * 2 + 0.5 * 0.5, 1.0 * 3 + 0.5 * 4, -1.0 * 1 + 2.0 * -1, -1.0 * 2 + 2.0 * 0.5, -1.0 * 3 + 2.0 * 4};
        assertArrayEquals(dW, l.parameters().get(0).grad(), 1e-15);
        assertArrayEquals(new double[] {1.5, 1.0}, l.parameters().get(1).grad(), 1e-15);
        l.backward(X, out, dout.clone(), null, 2);
        assertArrayEquals(Arrays.stream(dW).map(v -> 2 * v).toArray(), l.parameters().get(0).grad(), 1e-15);
        assertArrayEquals(new double[] {3.0, 2.0}, l.parameters().get(1).grad(), 1e-15);
    }
}
