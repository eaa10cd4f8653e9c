package dev.nn.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nn.core.config.ConfigException;
import nn.core.contract.LayerContract;
import nn.core.spi.Buffer;
import nn.core.spi.Layer;
import nn.core.spi.LayerProvider;
import nn.core.spi.Parameter;
import org.junit.jupiter.api.Test;

/**
 * residual_dense through nn's layer contract (core's test-jar: backward against central differences in training and
 * evaluation, buffers, float32, no allocation), each layer built as a config builds it with this plugin and nn's
 * built-ins on the class path; then its forward against hand values and its buffer, which only training moves.
 */
class ResidualDenseProviderTest extends LayerContract {
    @Override
    protected LayerProvider provider() {
        return new ResidualDenseProvider();
    }

    /** Smooth activations (swish is this plugin's own), with and without bias. */
    @Override
    protected List<String> configs() {
        return List.of("{type: residual_dense, activation: tanh}",
                "{type: residual_dense, activation: {type: swish, beta: 1.5}, bias: false}",
                "{type: residual_dense, activation: sigmoid, momentum: 0.5}",
                "{type: residual_dense, activation: identity, weights: {init: normal, std: 1.0}}");
    }

    private Layer layer(int width, String entry) {
        return network(1, width, entry).layers().get(0);
    }

    private static double[] forward(Layer l, double[] x, int n, boolean training) {
        l.allocate(n);
        double[] out = new double[n * l.nout()];
        l.forward(x, out, n, training);
        return out;
    }

    static final String W = "[[0.5, -1.0], [2.0, 0.25]]";
    static final double[] X = {1.0, 2.0, -1.0, 0.5};

    /**
     * y = x + f(x·Wᵀ + b): row (1, 2) gives z = (0.5 − 2 + 0.1, 2 + 0.5 − 0.2) = (−1.4, 2.3), row (−1, 0.5)
     * z = (−0.5 − 0.5 + 0.1, −2 + 0.125 − 0.2) = (−0.9, −2.075); identity, then tanh (python3: math.tanh).
     */
    @Test
    void forwardIsXPlusFOfTheAffineMap() {
        Layer id = layer(2, "{type: residual_dense, activation: identity, weights: " + W + ", bias: [0.1, -0.2]}");
        assertEquals(2, id.nout());
        assertArrayEquals(new double[] {1 - 1.4, 2 + 2.3, -1 - 0.9, 0.5 - 2.075}, forward(id, X, 2, false), 1e-15);
        Layer tanh = layer(2, "{type: residual_dense, activation: tanh, weights: " + W + ", bias: [0.1, -0.2]}");
        assertArrayEquals(new double[] {1 - 0.8853516482022625, 2 + 0.9800963962661914}, forward(tanh, X, 1, false), 1e-15);
    }

    /** Its output is x + f(z), not f(z): no activation to report, so no loss is fused with it. */
    @Test
    void weightIsWidthByWidthAndNoActivationIsReported() {
        Layer l = layer(3, "{type: residual_dense, activation: tanh}");
        assertEquals(List.of("weight", "bias"), l.parameters().stream().map(Parameter::name).toList());
        assertArrayEquals(new int[] {3, 3}, l.parameters().get(0).shape());
        assertArrayEquals(new int[] {3}, l.parameters().get(1).shape());
        assertNull(l.activationName());
        assertNull(l.activation());
        Layer noBias = layer(3, "{type: residual_dense, bias: false}");
        assertEquals(List.of("weight"), noBias.parameters().stream().map(Parameter::name).toList());
    }

    /**
     * output_norm: 0 when made; unchanged by evaluation forwards and by backward; after a training forward
     * (1 − momentum)·old + momentum·mean_r ‖y_r‖₂.
     */
    @Test
    void outputNormMovesOnlyInTraining() {
        Layer l = layer(2, "{type: residual_dense, activation: identity, weights: " + W + ", bias: [0.1, -0.2], momentum: 0.25}");
        Buffer norm = l.buffers().get(0);
        assertEquals("output_norm", norm.name());
        assertArrayEquals(new int[] {1}, norm.shape());
        assertEquals(0.0, norm.data()[0]);
        double[] y = forward(l, X, 2, false);
        l.backward(X, y, new double[] {1, 1, 1, 1}, new double[4], 2);
        assertEquals(0.0, norm.data()[0], "after an evaluation forward and a backward");

        forward(l, X, 2, true);
        double mean = (Math.hypot(y[0], y[1]) + Math.hypot(y[2], y[3])) / 2;
        assertEquals(0.25 * mean, norm.data()[0], 1e-15);
        forward(l, X, 2, true);
        assertEquals(0.75 * 0.25 * mean + 0.25 * mean, norm.data()[0], 1e-15);
        forward(l, X, 2, false);
        assertEquals(0.75 * 0.25 * mean + 0.25 * mean, norm.data()[0], 1e-15, "evaluation again");
    }

    @Test
    void aMomentumOutsideZeroOneIsRefusedNamingIt() {
        ConfigException e = assertThrows(ConfigException.class, () -> layer(2, "{type: residual_dense, momentum: 1.5}"));
        assertTrue(e.getMessage().endsWith("model.layers[0].momentum: 1.5 is out of range (expected a number in [0, 1])"), e::getMessage);
    }
}
