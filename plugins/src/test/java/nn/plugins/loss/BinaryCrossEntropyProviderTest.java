package nn.plugins.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nn.core.contract.LossContract;
import nn.core.spi.LossProvider;
import nn.core.tensor.Rng;
import org.junit.jupiter.api.Test;

class BinaryCrossEntropyProviderTest extends LossContract {
    @Override
    protected LossProvider provider() {
        return new BinaryCrossEntropyProvider();
    }

    /** Probabilities y in [0.02, 0.98); targets 0 or 1, or soft in [0, 1) (BCELoss accepts both). */
    @Override
    protected void sample(Rng rng, double[] y, double[] t, int rows, int cols) {
        boolean soft = rng.nextInt(2) == 0;
        for (int i = 0; i < y.length; i++) {
            y[i] = rng.uniform(0.02, 0.98);
            t[i] = soft ? rng.nextDouble() : rng.nextInt(2);
        }
    }

    /**
     * python3 with mpmath: −(1/N) Σ [t·log(y) + (1 − t)·log(1 − y)], mean over all N elements (torch.nn.BCELoss);
     * at y = 0 or 1 the logs are clamped at −100 as PyTorch does, so each wrong certain answer costs 100.
     */
    @Override
    protected List<Reference> references() {
        return List.of(
                // −(log 0.9 + log 0.8 + log 0.4 + log 0.3)/4
                new Reference(2, 2, new double[] {0.9, 0.2, 0.6, 0.3}, new double[] {1, 0, 0, 1}, 0.6121919007930318),
                new Reference(1, 2, new double[] {0.7, 0.05}, new double[] {0.25, 0.9}, 1.846718357433241),
                new Reference(1, 2, new double[] {0.0, 1.0}, new double[] {1.0, 0.0}, 100.0),
                new Reference(1, 2, new double[] {0.0, 1.0}, new double[] {0.0, 1.0}, 0.0));
    }

    @Test
    void gradientAtCertainAnswersIsClampedAsPyTorch() {
        // (y − t)/(N·max(y(1 − y), 1e-12))
        double[] dy = new double[2];
        loss().gradient(new double[] {0.0, 1.0}, new double[] {1.0, 0.0}, dy, 1, 2);
        assertArrayEquals(new double[] {-0.5e12, 0.5e12}, dy);
    }

    @Test
    void isAClassificationLoss() {
        assertTrue(provider().classification());
    }
}
