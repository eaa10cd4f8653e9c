package nn.core.contract;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.LongConsumer;

/** For the contracts' self-tests: a check run for seeds 1..n, that must pass for each, or fail for some. */
final class Seeds {
    private Seeds() {}

    /** The check passes for every seed in 1..n. */
    static void passEvery(int n, LongConsumer check) {
        for (long seed = 1; seed <= n; seed++) {
            long s = seed;
            assertDoesNotThrow(() -> check.accept(s), "seed " + s);
        }
    }

    /** The check fails (an AssertionError) for at least one seed in 1..n. */
    static void failSome(int n, LongConsumer check) {
        boolean failed = false;
        for (long seed = 1; seed <= n; seed++) {
            try {
                check.accept(seed);
            } catch (AssertionError e) {
                failed = true;
            }
        }
        assertTrue(failed, "the check passed for every seed");
    }
}
