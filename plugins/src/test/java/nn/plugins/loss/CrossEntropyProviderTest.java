package nn.plugins.loss;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nn.core.contract.LossContract;
import nn.core.spi.LossProvider;
import nn.core.tensor.Rng;
import org.junit.jupiter.api.Test;

class CrossEntropyProviderTest extends LossContract {
    @Override
    protected LossProvider provider() {
        return new CrossEntropyProvider();
    }

    /** Each row of y a softmax of random logits; t a one-hot row or (for odd draws) a probability row. */
    @Override
    protected void sample(Rng rng, double[] y, double[] t, int rows, int cols) {
        boolean soft = rng.nextInt(2) == 1;
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            double sy = 0, st = 0;
            for (int j = 0; j < cols; j++) {
                sy += y[o + j] = Math.exp(rng.uniform(-2, 2));
                st += t[o + j] = rng.nextDouble();
            }
            int hot = rng.nextInt(cols);
            for (int j = 0; j < cols; j++) {
                y[o + j] /= sy;
                t[o + j] = soft ? t[o + j] / st : (j == hot ? 1.0 : 0.0);
            }
        }
    }

    /** python3 with mpmath: −(1/B) Σ_b Σ_j t_bj·log(y_bj), a mean over the B rows (not over all elements). */
    @Override
    protected List<Reference> references() {
        double[] y = {0.7, 0.2, 0.1, 0.1, 0.3, 0.6};
        return List.of(
                // −(log 0.7 + log 0.6)/2
                new Reference(2, 3, y, new double[] {1, 0, 0, 0, 0, 1}, 0.4337502838523616),
                new Reference(2, 3, y, new double[] {0.5, 0.5, 0, 0, 0.25, 0.75}, 0.8335844235461967),
                // torch.nn.CrossEntropyLoss on logits [[1, 2, 3], [0.5, −1, 2]] with classes [2, 0]:
                // mean of logsumexp(z) − z_class; y = softmax(logits) by mpmath
                new Reference(2, 3,
                        new double[] {0.09003057317038046, 0.24472847105479764, 0.6652409557748219,
                            0.1752903921400367, 0.03911257327068745, 0.7855970345892759},
                        new double[] {0, 0, 1, 1, 0, 0}, 1.0744586305507686));
    }

    @Test
    void isAClassificationLoss() {
        assertTrue(provider().classification());
    }
}
