package nn.plugins.loss;

import static nn.core.contract.Approx.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nn.core.contract.LossContract;
import nn.core.spi.Loss;
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
    void fusesWithSigmoidOnly() {
        assertNotNull(loss().fusedWith("sigmoid"));
        for (String other : List.of("softmax", "identity", "tanh")) assertNull(loss().fusedWith(other), other);
    }

    /**
     * BCEWithLogitsLoss, max(z, 0) − z·t + log(1 + e^−|z|), where BCELoss would clamp: z = −1000 with t = 1 costs
     * 1000 (not the clamped 100) and pulls with (σ(z) − t)/N = −1/N (not 0). python3 with mpmath:
     * (1000 + 0 + log 2 + log(1 + e²))/4 = 250.70501879790072; σ(2)/4 = 0.2201992694944706.
     */
    @Test
    void fusedWithSigmoidIsExactAtLogitsOf1000() {
        Loss fused = loss().fusedWith("sigmoid");
        double[] z = {-1000, 1000, 0, 2}, t = {1, 1, 0.5, 0};
        assertClose(250.70501879790072, fused.value(z, t, 2, 2), 0.0, 1e-15, () -> "BCEWithLogitsLoss");
        assertEquals(1000.0, fused.value(new double[] {-1000}, new double[] {1}, 1, 1));
        double[] dz = new double[4];
        fused.gradient(z, t, dz, 2, 2);
        assertClose(new double[] {-0.25, 0, 0, 0.2201992694944706}, dz, 4, 0.0, 1e-15, () -> "(σ(z) − t)/N");
        double h = 1e-3;
        for (int i = 0; i < z.length; i++) {
            double[] zp = z.clone(), zm = z.clone();
            zp[i] += h;
            zm[i] -= h;
            double numeric = (fused.value(zp, t, 2, 2) - fused.value(zm, t, 2, 2)) / (2 * h);
            int at = i;
            assertClose(numeric, dz[i], 1e-7, 0.0, () -> "dz[" + at + "] vs central difference");
        }
        // on the probabilities σ(−1000) = 0 the log is clamped: 100, and no gradient reaches z through σ' = 0
        assertEquals(100.0, loss().value(new double[] {0.0}, new double[] {1}, 1, 1));
    }

    @Test
    void isAClassificationLoss() {
        assertTrue(provider().classification());
    }
}
