package nn.core.contract;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.Supplier;

/** Floating-point comparison with an absolute and a relative tolerance, reporting the difference and the bound. */
public final class Approx {
    private Approx() {}

    /** Passes when |actual − expected| ≤ abs + rel·|expected| (NaN never passes; equal infinities do). */
    public static void assertClose(double expected, double actual, double abs, double rel, Supplier<String> what) {
        if (expected == actual) return;
        double bound = abs + rel * Math.abs(expected);
        double diff = Math.abs(actual - expected);
        if (!(diff <= bound)) {
            fail(what.get() + ": expected " + expected + " but was " + actual + " (|diff| " + diff + " > " + bound + ")");
        }
    }

    /** Element-wise {@link #assertClose} over the first n values. */
    public static void assertClose(double[] expected, double[] actual, int n, double abs, double rel, Supplier<String> what) {
        for (int i = 0; i < n; i++) {
            int at = i;
            assertClose(expected[i], actual[i], abs, rel, () -> what.get() + " [" + at + "]");
        }
    }
}
