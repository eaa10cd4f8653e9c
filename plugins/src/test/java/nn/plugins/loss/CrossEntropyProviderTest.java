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
    void fusesWithSoftmaxOnly() {
        assertNotNull(loss().fusedWith("softmax"));
        for (String other : List.of("sigmoid", "identity", "tanh")) assertNull(loss().fusedWith(other), other);
    }

    /** torch.nn.CrossEntropyLoss on the logits themselves: the reference above, without forming the probabilities. */
    @Test
    void fusedWithSoftmaxMatchesTorchOnTheLogits() {
        double[] z = {1, 2, 3, 0.5, -1, 2}, t = {0, 0, 1, 1, 0, 0};
        assertClose(1.0744586305507686, loss().fusedWith("softmax").value(z, t, 2, 3), 0.0, 1e-15, () -> "CrossEntropyLoss(z)");
    }

    /**
     * A logit gap of 1000, where softmax gives exactly 0 and the loss on probabilities is infinite: on the logits the
     * loss is exact. Row 1: z = [1000, 0], class 1: logsumexp(z) − z_1 = 1000 + log(1 + e^−1000) = 1000 in float64.
     * Row 2: z = [−500, 500], t = [0.25, 0.75]: log_softmax(z) = [−1000, −log(1 + e^−1000)] = [−1000, 0], so 250.
     * Mean over B = 2 rows: 625. Gradient (softmax(z) − t)/B = ([1, 0] − [0, 1])/2 and ([0, 1] − [0.25, 0.75])/2.
     */
    @Test
    void fusedWithSoftmaxIsExactAtALogitGapOf1000() {
        Loss fused = loss().fusedWith("softmax");
        double[] z = {1000, 0, -500, 500}, t = {0, 1, 0.25, 0.75};
        assertEquals(625.0, fused.value(z, t, 2, 2));
        double[] dz = new double[4];
        fused.gradient(z, t, dz, 2, 2);
        assertArrayEquals(new double[] {0.5, -0.5, -0.125, 0.125}, dz);
        double h = 1e-3;
        for (int i = 0; i < z.length; i++) {
            double[] zp = z.clone(), zm = z.clone();
            zp[i] += h;
            zm[i] -= h;
            double numeric = (fused.value(zp, t, 2, 2) - fused.value(zm, t, 2, 2)) / (2 * h);
            int at = i;
            assertClose(numeric, dz[i], 1e-9, 0.0, () -> "dz[" + at + "] vs central difference");
        }
        // the same loss on the probabilities, softmax(z) = [1, 0, 0, 1], is infinite
        assertEquals(Double.POSITIVE_INFINITY, loss().value(new double[] {1, 0, 0, 1}, t, 2, 2));
        // a certain right answer costs nothing, and pulls on nothing
        assertEquals(0.0, fused.value(new double[] {1000, 0}, new double[] {1, 0}, 1, 2));
        fused.gradient(new double[] {1000, 0}, new double[] {1, 0}, dz, 1, 2);
        assertArrayEquals(new double[] {0, 0}, new double[] {dz[0], dz[1]});
    }

    @Test
    void isAClassificationLoss() {
        assertTrue(provider().classification());
    }

    /** One output unit, whatever its activation, names binary_cross_entropy on 1 sigmoid unit as the pair that is right. */
    @Test
    void oneOutputUnitNamesBinaryCrossEntropyAndAnyOtherActivationSoftmax() {
        LossProvider p = provider();
        for (String f : List.of("sigmoid", "softmax", "identity")) {
            assertTrue(p.wrongOutput(f, 1).contains("binary_cross_entropy on 1 sigmoid unit"), f);
        }
        assertEquals("needs a softmax output layer, whose outputs are the class probabilities", p.wrongOutput("sigmoid", 3));
        assertNull(p.wrongOutput("softmax", 2));
    }
}
