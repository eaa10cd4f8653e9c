package nn.plugins.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nn.core.config.ConfigException;
import nn.core.contract.LayerContract;
import nn.core.spi.Layer;
import nn.core.spi.LayerProvider;
import nn.core.spi.Parameter;
import org.junit.jupiter.api.Test;

/** layer_norm: the layer contract, and values by hand. */
class LayerNormProviderTest extends LayerContract {
    @Override
    protected LayerProvider provider() {
        return new LayerNormProvider();
    }

    @Override
    protected List<String> configs() {
        return List.of("{type: layer_norm}", "{type: layer_norm, eps: 0.01}", "{type: layer_norm, elementwise_affine: false}");
    }

    private static double[] forward(Layer l, double[] x, int n, boolean training) {
        l.allocate(n);
        double[] out = new double[n * l.nout()];
        l.forward(x, out, n, training);
        return out;
    }

    /**
     * Row (1, 2, 3): mean 2, biased variance 2/3, so y = (−1, 0, 1)/√(2/3 + eps); row (4, 4, 10): mean 6, variance 8,
     * y = (−2, −2, 4)/√(8 + eps). The same in training and evaluation: no running statistics, no buffers.
     */
    @Test
    void eachRowIsNormalisedOverItsOwnFeatures() {
        Layer l = Layers.one(1, 3, "{type: layer_norm}");
        assertTrue(l.buffers().isEmpty());
        double a = 1 / Math.sqrt(2.0 / 3 + 1e-5), b = 1 / Math.sqrt(8 + 1e-5);
        double[] want = {-a, 0, a, -2 * b, -2 * b, 4 * b};
        double[] x = {1, 2, 3, 4, 4, 10};
        assertArrayEquals(want, forward(l, x, 2, true), 1e-15);
        assertArrayEquals(want, forward(l, x, 2, false), 1e-15);
        assertArrayEquals(want, forward(l, x, 2, true), 1e-15);
    }

    @Test
    void weightAndBiasScaleAndShiftEachFeature() {
        Layer l = Layers.one(1, 2, "{type: layer_norm}");
        assertEquals(List.of("weight", "bias"), l.parameters().stream().map(Parameter::name).toList());
        assertArrayEquals(new double[] {1, 1}, l.parameters().get(0).data());
        assertArrayEquals(new double[] {0, 0}, l.parameters().get(1).data());
        l.parameters().get(0).data()[1] = 3;
        l.parameters().get(1).data()[0] = 0.5;
        double k = 1 / Math.sqrt(1 + 1e-5); // row (0, 2): mean 1, variance 1
        assertArrayEquals(new double[] {-k + 0.5, 3 * k}, forward(l, new double[] {0, 2}, 1, true), 1e-15);
    }

    @Test
    void elementwiseAffineFalseHasNoParameters() {
        assertTrue(Layers.one(1, 3, "{type: layer_norm, elementwise_affine: false}").parameters().isEmpty());
    }

    @Test
    void epsMustBePositive() {
        ConfigException e = assertThrows(ConfigException.class, () -> Layers.one(1, 3, "{type: layer_norm, eps: 0}"));
        assertTrue(e.getMessage().contains("model.layers[0].eps: 0 is out of range"), e::getMessage);
    }
}
