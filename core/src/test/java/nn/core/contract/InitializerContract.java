package nn.core.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import nn.core.check.Moments;
import nn.core.spi.Initializer;
import nn.core.spi.InitializerProvider;
import nn.core.tensor.Rng;
import nn.core.train.Plugins;
import nn.core.train.Registry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@link Initializer} contract: every element is filled, the same seed gives the same values drawn in index
 * order, and the sample mean and variance of {@value #DRAWS} draws match the documented distribution within
 * {@value #STANDARD_ERRORS} standard errors, for several fan-in/fan-out pairs.
 */
public abstract class InitializerContract extends ProviderContract<InitializerProvider> {
    protected static final int DRAWS = 20_000;
    protected static final double STANDARD_ERRORS = 5.0;

    /** The documented mean of the distribution for a layer with these fans. */
    protected abstract double mean(int fanIn, int fanOut);

    /** The documented variance of the distribution for a layer with these fans. */
    protected abstract double variance(int fanIn, int fanOut);

    /**
     * The kurtosis μ₄/σ⁴ of the distribution (3 for a normal, 9/5 for a uniform), for the standard error of the
     * sample variance, √((kurtosis − 1)/n)·σ².
     */
    protected double kurtosis() {
        return 3.0;
    }

    /** For bounded distributions, the interval [lo, hi] the draws fill; null when unbounded. */
    protected double[] support(int fanIn, int fanOut) {
        return null;
    }

    /** The config entries the initializer is created with (e.g. {@code "mean: 2.0, std: 0.5"}); "" for the defaults. */
    protected String config() {
        return "";
    }

    protected Initializer initializer() {
        return provider().create(ProviderParams.of(provider(), config()));
    }

    @Override
    protected final Registry<InitializerProvider> registry(Plugins plugins) {
        return plugins.initializers;
    }

    static Stream<Arguments> fans() {
        return Stream.of(Arguments.of(1, 1), Arguments.of(3, 7), Arguments.of(64, 16), Arguments.of(10, 784));
    }

    @ParameterizedTest(name = "fan_in {0}, fan_out {1}")
    @MethodSource("fans")
    public void fillsEveryElement(int fanIn, int fanOut) {
        double[] w = new double[fanIn * fanOut];
        Arrays.fill(w, Double.NaN);
        initializer().fill(w, fanIn, fanOut, new Rng(7));
        for (int i = 0; i < w.length; i++) {
            int at = i;
            assertTrue(Double.isFinite(w[i]), () -> "w[" + at + "] = " + w[at] + " of " + w.length);
        }
    }

    @Test
    public void sameSeedGivesSameValuesInIndexOrder() {
        double[] a = new double[40], b = new double[40], prefix = new double[13];
        initializer().fill(a, 8, 5, new Rng(42));
        initializer().fill(b, 8, 5, new Rng(42));
        initializer().fill(prefix, 8, 5, new Rng(42));
        assertArrayEquals(a, b, "two fills from the same seed differ");
        assertArrayEquals(prefix, Arrays.copyOf(a, prefix.length), "a shorter tensor is not a prefix: draws not in index order");
        if (variance(8, 5) > 0) {
            double[] c = new double[40];
            initializer().fill(c, 8, 5, new Rng(43));
            assertFalse(Arrays.equals(a, c), "another seed gave the same values");
        }
    }

    @ParameterizedTest(name = "fan_in {0}, fan_out {1}")
    @MethodSource("fans")
    public void sampleMomentsMatchTheDistribution(int fanIn, int fanOut) {
        double[] w = new double[DRAWS];
        initializer().fill(w, fanIn, fanOut, new Rng(1000L + fanIn * 31L + fanOut));
        double mu = mean(fanIn, fanOut), var = variance(fanIn, fanOut);
        Moments sample = Moments.of(w);
        double m = sample.mean(), s2 = sample.variance(), min = sample.min(), max = sample.max();
        if (var == 0) {
            assertEquals(mu, min, "a constant initializer's smallest value");
            assertEquals(mu, max, "a constant initializer's largest value");
            return;
        }
        double seMean = Math.sqrt(var / DRAWS), seVar = var * Math.sqrt((kurtosis() - 1) / DRAWS);
        assertTrue(Math.abs(m - mu) <= STANDARD_ERRORS * seMean,
                "sample mean " + m + ", expected " + mu + " ± " + STANDARD_ERRORS + "·" + seMean);
        assertTrue(Math.abs(s2 - var) <= STANDARD_ERRORS * seVar,
                "sample variance " + s2 + ", expected " + var + " ± " + STANDARD_ERRORS + "·" + seVar);
        double[] s = support(fanIn, fanOut);
        if (s != null) {
            double lo = s[0], hi = s[1], slack = 0.01 * (hi - lo);
            assertTrue(min >= lo && max <= hi, "draws in [" + min + ", " + max + "], outside [" + lo + ", " + hi + "]");
            assertTrue(min < lo + slack && max > hi - slack, "draws in [" + min + ", " + max + "] do not fill [" + lo + ", " + hi + "]");
        }
    }
}
