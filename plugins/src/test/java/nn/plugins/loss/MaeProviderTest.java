package nn.plugins.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import nn.core.contract.LossContract;
import nn.core.spi.LossProvider;
import nn.core.tensor.Rng;
import org.junit.jupiter.api.Test;

class MaeProviderTest extends LossContract {
    @Override
    protected LossProvider provider() {
        return new MaeProvider();
    }

    /** |y − t| is not differentiable at y = t: keep them at least 1e-3 apart. */
    @Override
    protected void sample(Rng rng, double[] y, double[] t, int rows, int cols) {
        for (int i = 0; i < y.length; i++) {
            do {
                y[i] = rng.uniform(-3, 3);
                t[i] = rng.uniform(-3, 3);
            } while (Math.abs(y[i] - t[i]) < 1e-3);
        }
    }

    /** (1/N) Σ |y − t| (torch.nn.L1Loss, reduction='mean'): (0.5 + 0 + 2 + 0.5 + 0.5 + 1)/6 = 0.75. */
    @Override
    protected List<Reference> references() {
        double[] y = {0.5, -1.0, 2.0, 1.5, 0.0, -0.5}, t = {1.0, -1.0, 0.0, 2.0, 0.5, 0.5};
        return List.of(new Reference(2, 3, y, t, 0.75), new Reference(1, 1, new double[] {-2.0}, new double[] {1.0}, 3.0));
    }

    @Test
    void gradientIsSignOverNAndZeroWhereEqualAsPyTorch() {
        double[] dy = new double[4];
        loss().gradient(new double[] {1, 2, 3, 4}, new double[] {0, 2, 5, 4}, dy, 2, 2);
        assertArrayEquals(new double[] {0.25, 0.0, -0.25, 0.0}, dy);
    }

    @Test
    void isARegressionLoss() {
        assertFalse(provider().classification());
    }
}
