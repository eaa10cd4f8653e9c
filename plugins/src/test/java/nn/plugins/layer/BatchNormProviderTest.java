package nn.plugins.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** batch_norm: the layer contract (gradients over the whole batch, in training and evaluation), and values by hand. */
class BatchNormProviderTest extends LayerContract {
    @Override
    protected LayerProvider provider() {
        return new BatchNormProvider();
    }

    @Override
    protected List<String> configs() {
        return List.of("{type: batch_norm}", "{type: batch_norm, momentum: 0.5, eps: 0.01}", "{type: batch_norm, affine: false}",
                "{type: batch_norm, momentum: 1.0, eps: 1.0e-3}");
    }

    private static double[] forward(Layer l, double[] x, int n, boolean training) {
        l.allocate(n);
        double[] out = new double[n * l.nout()];
        l.forward(x, out, n, training);
        return out;
    }

    private static double[] buffer(Layer l, String name) {
        for (Buffer b : l.buffers()) if (b.name().equals(name)) return b.data();
        throw new AssertionError("no buffer " + name + " in " + l.buffers());
    }

    @Test
    void weightOneBiasZeroRunningMeanZeroRunningVarOne() {
        Layer l = Layers.one(1, 3, "{type: batch_norm}");
        assertEquals(List.of("weight", "bias"), l.parameters().stream().map(Parameter::name).toList());
        assertArrayEquals(new double[] {1, 1, 1}, l.parameters().get(0).data());
        assertArrayEquals(new double[] {0, 0, 0}, l.parameters().get(1).data());
        assertEquals(List.of("running_mean", "running_var"), l.buffers().stream().map(Buffer::name).toList());
        assertArrayEquals(new double[] {0, 0, 0}, buffer(l, "running_mean"));
        assertArrayEquals(new double[] {1, 1, 1}, buffer(l, "running_var"));
        assertEquals(2, l.minTrainingBatch());
    }

    /**
     * Two training batches with momentum 0.1, by hand. Batch 1, rows (1, 2) and (3, 6): mean (2, 4), biased variance
     * (1, 4), unbiased (2, 8); running_mean = 0.1·(2, 4) = (0.2, 0.4), running_var = 0.9·1 + 0.1·(2, 8) = (1.1, 1.7).
     * Batch 2, rows (0, 0), (2, 2), (4, 4): mean (2, 2), unbiased variance (4, 4); running_mean = 0.9·(0.2, 0.4) +
     * 0.1·2 = (0.38, 0.56), running_var = 0.9·(1.1, 1.7) + 0.1·4 = (1.39, 1.93).
     */
    @Test
    void runningStatisticsAfterTwoTrainingBatchesAreTheHandComputedOnes() {
        Layer l = Layers.one(1, 2, "{type: batch_norm}");
        double[] out1 = forward(l, new double[] {1, 2, 3, 6}, 2, true);
        assertArrayEquals(new double[] {0.2, 0.4}, buffer(l, "running_mean"), 1e-15);
        assertArrayEquals(new double[] {1.1, 1.7}, buffer(l, "running_var"), 1e-15);
        // training normalises with the batch's own statistics, the biased variance: (x − 2)/√(1 + eps), (x − 4)/√(4 + eps)
        double a = 1 / Math.sqrt(1 + 1e-5), b = 2 / Math.sqrt(4 + 1e-5);
        assertArrayEquals(new double[] {-a, -b, a, b}, out1, 1e-15);
        forward(l, new double[] {0, 0, 2, 2, 4, 4}, 3, true);
        assertArrayEquals(new double[] {0.38, 0.56}, buffer(l, "running_mean"), 1e-15);
        assertArrayEquals(new double[] {1.39, 1.93}, buffer(l, "running_var"), 1e-15);
        // evaluation uses them, and leaves them: y = γ·(x − running_mean)/√(running_var + eps) + β
        l.parameters().get(0).data()[0] = 2.0;
        l.parameters().get(1).data()[1] = -0.5;
        double[] y = forward(l, new double[] {1.38, 0.56}, 1, false);
        assertArrayEquals(new double[] {2.0 / Math.sqrt(1.39 + 1e-5), -0.5}, y, 1e-15);
        assertArrayEquals(new double[] {0.38, 0.56}, buffer(l, "running_mean"), 1e-15);
        assertArrayEquals(new double[] {1.39, 1.93}, buffer(l, "running_var"), 1e-15);
    }

    /** Momentum 0 keeps the initial statistics; momentum 1 keeps the last batch's (its unbiased variance). */
    @Test
    void momentumZeroKeepsTheRunningStatisticsAndOneTakesTheLastBatchs() {
        Layer keep = Layers.one(1, 1, "{type: batch_norm, momentum: 0.0}"), last = Layers.one(1, 1, "{type: batch_norm, momentum: 1.0}");
        for (Layer l : List.of(keep, last)) {
            forward(l, new double[] {1, 5}, 2, true);
            forward(l, new double[] {2, 4, 9}, 3, true);
        }
        assertArrayEquals(new double[] {0}, buffer(keep, "running_mean"));
        assertArrayEquals(new double[] {1}, buffer(keep, "running_var"));
        assertArrayEquals(new double[] {5}, buffer(last, "running_mean"), 1e-15);
        assertArrayEquals(new double[] {13}, buffer(last, "running_var"), 1e-15); // ((−3)² + (−1)² + 4²) / 2
    }

    /** The trainer never gives a batch of 1 row (minTrainingBatch 2); called with one anyway, nothing goes non-finite. */
    @Test
    void aTrainingBatchOfOneRowLeavesTheRunningStatisticsAndGivesTheBias() {
        Layer l = Layers.one(1, 2, "{type: batch_norm}");
        l.parameters().get(1).data()[0] = 0.25;
        assertArrayEquals(new double[] {0.25, 0.0}, forward(l, new double[] {3, -7}, 1, true));
        assertArrayEquals(new double[] {0, 0}, buffer(l, "running_mean"));
        assertArrayEquals(new double[] {1, 1}, buffer(l, "running_var"));
    }

    @Test
    void affineFalseHasNoParametersButTheBuffers() {
        Layer l = Layers.one(1, 3, "{type: batch_norm, affine: false}");
        assertTrue(l.parameters().isEmpty());
        assertEquals(2, l.buffers().size());
        assertEquals(3, l.nout());
    }

    @ParameterizedTest(name = "momentum {0}")
    @ValueSource(strings = {"-0.1", "1.5"})
    void momentumOutsideZeroToOneIsRefusedNamingTheKey(String m) {
        ConfigException e = assertThrows(ConfigException.class, () -> Layers.one(1, 3, "{type: batch_norm, momentum: " + m + "}"));
        assertTrue(e.getMessage().contains("model.layers[0].momentum: " + m + " is out of range (expected a number in [0, 1])"), e::getMessage);
    }

    @ParameterizedTest(name = "eps {0}")
    @ValueSource(strings = {"0", "-1.0e-5"})
    void epsMustBePositive(String eps) {
        ConfigException e = assertThrows(ConfigException.class, () -> Layers.one(1, 3, "{type: batch_norm, eps: " + eps + "}"));
        assertTrue(e.getMessage().contains("model.layers[0].eps: " + eps + " is out of range"), e::getMessage);
    }

    @Test
    void unitsIsNotAParameterOfBatchNorm() {
        ConfigException e = assertThrows(ConfigException.class, () -> Layers.one(1, 3, "{type: batch_norm, units: 3}"));
        assertTrue(e.getMessage().contains("model.layers[0].units: unknown parameter"), e::getMessage);
    }
}
