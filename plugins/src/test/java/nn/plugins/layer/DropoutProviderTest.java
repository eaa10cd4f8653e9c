package nn.plugins.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import nn.core.config.ConfigException;
import nn.core.contract.LayerContract;
import nn.core.spi.Layer;
import nn.core.spi.LayerProvider;
import nn.core.tensor.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Inverted dropout built from YAML: identity in evaluation, a seeded Bernoulli mask scaled by 1/(1 − rate) in training. */
class DropoutProviderTest extends LayerContract {
    /** 200 rows × 100 columns = 20000 values. */
    private static final int ROWS = 200, WIDTH = 100, N = ROWS * WIDTH;

    @Override
    protected LayerProvider provider() {
        return new DropoutProvider();
    }

    /** Training draws a mask from the network's generator, which the contract puts back before each forward. */
    @Override
    protected List<String> configs() {
        return List.of("{type: dropout, rate: 0.3}", "{type: dropout, rate: 0.0}", "{type: dropout}");
    }

    private static Layer dropout(long seed, double rate) {
        Layer l = Layers.one(seed, WIDTH, "{type: dropout, rate: " + rate + "}");
        l.allocate(ROWS);
        return l;
    }

    /** Values in [0.5, 1.5) or (−1.5, −0.5]: none zero, so a zero in the output is the mask's. */
    private static double[] input(long seed) {
        Rng rng = new Rng(seed);
        double[] x = new double[N];
        for (int i = 0; i < N; i++) x[i] = (rng.nextDouble() < 0.5 ? -1 : 1) * rng.uniform(0.5, 1.5);
        return x;
    }

    private static double[] forward(Layer l, double[] x, boolean training) {
        double[] out = new double[N];
        l.forward(x, out, ROWS, training);
        return out;
    }

    @Test
    void hasNoParametersAndKeepsTheWidth() {
        Layer l = dropout(1, 0.5);
        assertTrue(l.parameters().isEmpty());
        assertEquals(WIDTH, l.nin());
        assertEquals(WIDTH, l.nout());
    }

    @Test
    void evaluationIsTheIdentityAndBackwardPassesDoutThrough() {
        Layer l = dropout(1, 0.5);
        double[] x = input(2), x0 = x.clone();
        double[] out = forward(l, x, false);
        assertArrayEquals(x0, out);
        assertArrayEquals(x0, x, "forward modified x");
        double[] dout = input(3), dx = new double[N];
        l.backward(x, out, dout.clone(), dx, ROWS);
        assertArrayEquals(dout, dx);
    }

    /**
     * About rate of the values are zeroed: the count of zeros is Binomial(20000, rate), within 5 standard errors
     * √(rate(1 − rate)/20000) of rate; every other value is x/(1 − rate).
     */
    @ParameterizedTest(name = "rate {0}")
    @ValueSource(doubles = {0.1, 0.25, 0.5, 0.8})
    void trainingZerosAboutRateAndScalesTheRestByOneOverOneMinusRate(double rate) {
        Layer l = dropout(7, rate);
        double[] x = input(4);
        double[] out = forward(l, x, true);
        int zeros = 0;
        for (int i = 0; i < N; i++) {
            if (out[i] == 0.0) {
                zeros++;
                continue;
            }
            double want = x[i] / (1 - rate);
            int at = i;
            assertTrue(Math.abs(out[i] - want) <= 1e-15 * Math.abs(want), () -> "out[" + at + "] = " + out[at] + ", expected " + want);
        }
        double fraction = (double) zeros / N, se = Math.sqrt(rate * (1 - rate) / N);
        assertTrue(Math.abs(fraction - rate) <= 5 * se, () -> "zeroed " + fraction + " of the values, rate " + rate + " ± 5·" + se);
    }

    @Test
    void rateOneHalfDoublesTheKeptValuesExactly() {
        double[] x = input(5);
        double[] out = forward(dropout(3, 0.5), x, true);
        for (int i = 0; i < N; i++) assertTrue(out[i] == 0.0 || out[i] == 2 * x[i], "out[" + i + "]");
    }

    @Test
    void rateZeroIsTheIdentityEvenInTraining() {
        double[] x = input(6);
        assertArrayEquals(x, forward(dropout(3, 0.0), x, true));
    }

    @Test
    void theSameSeedGivesTheSameMaskAndAnotherSeedAnother() {
        double[] x = input(8);
        double[] a = forward(dropout(11, 0.5), x, true), b = forward(dropout(11, 0.5), x, true);
        double[] c = forward(dropout(12, 0.5), x, true);
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c), "seeds 11 and 12 gave the same mask");
    }

    @Test
    void eachTrainingForwardDrawsANewMask() {
        Layer l = dropout(11, 0.5);
        double[] x = input(8);
        assertFalse(Arrays.equals(forward(l, x, true), forward(l, x, true)), "two training passes gave the same mask");
    }

    /** dx = dout·mask: zero where the value was dropped, dout/(1 − rate) where it was kept. */
    @Test
    void backwardMultipliesByTheSameMask() {
        double rate = 0.3;
        Layer l = dropout(13, rate);
        double[] x = input(9);
        double[] out = forward(l, x, true);
        double[] dout = input(10), dx = new double[N];
        l.backward(x, out, dout.clone(), dx, ROWS);
        int dropped = 0;
        for (int i = 0; i < N; i++) {
            if (out[i] == 0.0) {
                dropped++;
                assertTrue(dx[i] == 0.0, "dx[" + i + "] = " + dx[i] + " where the value was dropped");
            } else {
                double want = dout[i] / (1 - rate);
                assertTrue(Math.abs(dx[i] - want) <= 1e-15 * Math.abs(want), "dx[" + i + "] = " + dx[i] + ", expected " + want);
            }
        }
        assertTrue(dropped > 0 && dropped < N, "dropped " + dropped);
    }

    @Test
    void rateAtTheBoundsIsAccepted() {
        dropout(1, 0.0);
        dropout(1, 0.99);
    }

    @ParameterizedTest(name = "rate {0}")
    @ValueSource(strings = {"1.0", "-0.1", "0.995", "2"})
    void rateOutOfRangeIsRejectedNamingTheKey(String rate) {
        ConfigException e = assertThrows(ConfigException.class, () -> Layers.one(1, 3, "{type: dropout, rate: " + rate + "}"));
        assertTrue(e.getMessage().contains("model.layers[0].rate: " + rate + " is out of range"), e::getMessage);
    }
}
