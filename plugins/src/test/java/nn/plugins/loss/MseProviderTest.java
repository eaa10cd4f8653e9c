package nn.plugins.loss;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import nn.core.contract.LossContract;
import nn.core.spi.LossProvider;
import nn.core.tensor.Rng;
import org.junit.jupiter.api.Test;

class MseProviderTest extends LossContract {
    @Override
    protected LossProvider provider() {
        return new MseProvider();
    }

    @Override
    protected void sample(Rng rng, double[] y, double[] t, int rows, int cols) {
        for (int i = 0; i < y.length; i++) {
            y[i] = rng.uniform(-3, 3);
            t[i] = rng.uniform(-3, 3);
        }
    }

    /**
     * (1/N) Σ (y − t)², N = rows·cols (torch.nn.MSELoss, reduction='mean'): differences −0.5, 0, 2, −0.5, −0.5, −1,
     * so (0.25 + 0 + 4 + 0.25 + 0.25 + 1)/6 = 5.75/6; the same batch as one row and as three rows.
     */
    @Override
    protected List<Reference> references() {
        double[] y = {0.5, -1.0, 2.0, 1.5, 0.0, -0.5}, t = {1.0, -1.0, 0.0, 2.0, 0.5, 0.5};
        return List.of(new Reference(2, 3, y, t, 0.9583333333333334), new Reference(3, 2, y, t, 0.9583333333333334),
                new Reference(1, 1, new double[] {3.0}, new double[] {1.0}, 4.0));
    }

    @Test
    void isARegressionLoss() {
        assertFalse(provider().classification());
    }
}
