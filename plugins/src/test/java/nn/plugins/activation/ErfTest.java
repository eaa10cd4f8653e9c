package nn.plugins.activation;

import static nn.core.contract.Approx.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/** {@link Erf} against mpmath at 50 digits (see erf.csv for the script), across all three of Cody's ranges. */
class ErfTest {
    @ParameterizedTest(name = "erf({0}) = {1}")
    @CsvFileSource(resources = "/erf.csv", numLinesToSkip = 1)
    void matchesMpmathToOnePartIn1e15(double x, double expected) {
        assertClose(expected, Erf.erf(x), 0.0, 1e-15, () -> "erf(" + x + ")");
        assertClose(-expected, Erf.erf(-x), 0.0, 1e-15, () -> "erf(" + -x + ")");
    }

    @Test
    void limitsAndSigns() {
        assertEquals(0.0, Erf.erf(0.0));
        assertEquals(1.0, Erf.erf(30.0));
        assertEquals(-1.0, Erf.erf(-30.0));
        assertEquals(1.0, Erf.erf(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, Erf.erf(Double.NEGATIVE_INFINITY));
    }

    @Test
    void isMonotoneAcrossTheRangeBoundaries() {
        for (double edge : new double[] {0.46875, 4.0, 26.5}) {
            double below = Math.nextDown(edge), above = Math.nextUp(edge);
            assertEquals(true, Erf.erf(below) <= Erf.erf(edge) && Erf.erf(edge) <= Erf.erf(above), "around " + edge);
        }
    }
}
