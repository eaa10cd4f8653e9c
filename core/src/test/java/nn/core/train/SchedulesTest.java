package nn.core.train;

import static nn.core.contract.Approx.assertClose;

import org.junit.jupiter.api.Test;

/**
 * Learning rates per epoch (0-based) against values worked out by hand or in python3 from the documented closed
 * forms, not from {@link Schedules}.
 */
class SchedulesTest {
    private static final double LR = 0.1;

    private static Config.Schedule schedule(String type, long stepSize, double gamma, long tMax, double etaMin, long warmup) {
        return new Config.Schedule(type, stepSize, gamma, tMax, etaMin, warmup);
    }

    /** expected[e] is the rate of epoch e. */
    private static void assertRates(Config.Schedule s, double... expected) {
        for (int e = 0; e < expected.length; e++) {
            int epoch = e;
            assertClose(expected[e], Schedules.rate(s, LR, e), 0, 1e-15, () -> s + " epoch " + epoch);
        }
    }

    @Test
    void constantIsTheLearningRateEveryEpoch() {
        Config.Schedule s = schedule("constant", 3, 0.5, 10, 0.001, 0);
        assertRates(s, 0.1, 0.1, 0.1, 0.1, 0.1);
        assertClose(0.1, Schedules.rate(s, LR, 1_000_000), 0, 0, () -> "epoch 1e6");
    }

    /** lr·γ^⌊e/step_size⌋ with step_size 3, γ 0.5: three epochs at each of 0.1, 0.05, 0.025, then 0.0125. */
    @Test
    void stepHalvesEveryStepSizeEpochs() {
        assertRates(schedule("step", 3, 0.5, 10, 0.0, 0), 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.0125);
    }

    /** lr·γ^e with γ 0.9: 0.1, 0.09, 0.081, …; python3: 0.1 * 0.9**10 = 0.03486784401000001. */
    @Test
    void exponentialMultipliesByGammaEveryEpoch() {
        Config.Schedule s = schedule("exponential", 3, 0.9, 10, 0.0, 0);
        assertRates(s, 0.1, 0.09, 0.08100000000000002);
        assertClose(0.03486784401000001, Schedules.rate(s, LR, 10), 0, 1e-15, () -> "epoch 10");
    }

    /**
     * η_min + (lr − η_min)(1 + cos(π·e/t_max))/2 with lr 0.1, η_min 0.001, t_max 10; python3 for e = 2 and 7; e = 5
     * is the midpoint (0.1 + 0.001)/2 = 0.0505, e = 10 the floor η_min, and beyond t_max it stays there.
     */
    @Test
    void cosineFollowsTheClosedFormAndStaysAtEtaMinAfterTMax() {
        Config.Schedule s = schedule("cosine", 3, 0.5, 10, 0.001, 0);
        double[] at = {0.1, Double.NaN, 0.0905463412215599, Double.NaN, Double.NaN, 0.0505, Double.NaN, 0.021404630011522586,
                Double.NaN, Double.NaN, 0.001};
        for (int e = 0; e < at.length; e++) {
            if (Double.isNaN(at[e])) continue;
            int epoch = e;
            assertClose(at[e], Schedules.rate(s, LR, e), 0, 1e-14, () -> "cosine epoch " + epoch);
        }
        for (int e : new int[] {11, 15, 20, 1000}) {
            assertClose(0.001, Schedules.rate(s, LR, e), 0, 1e-14, () -> "cosine epoch " + e + " past t_max");
        }
    }

    @Test
    void cosineWithoutEtaMinReachesZero() {
        Config.Schedule s = schedule("cosine", 3, 0.5, 4, 0.0, 0);
        // (1 + cos(π·e/4))/2 · 0.1 for e = 0..4: 0.1, 0.1·(2 + √2)/4, 0.05, 0.1·(2 − √2)/4, 0
        assertClose(0.1, Schedules.rate(s, LR, 0), 0, 1e-15, () -> "e 0");
        assertClose(0.1 * (2 + Math.sqrt(2)) / 4, Schedules.rate(s, LR, 1), 0, 1e-14, () -> "e 1");
        assertClose(0.05, Schedules.rate(s, LR, 2), 0, 1e-14, () -> "e 2");
        assertClose(0.1 * (2 - Math.sqrt(2)) / 4, Schedules.rate(s, LR, 3), 0, 1e-13, () -> "e 3");
        assertClose(0.0, Schedules.rate(s, LR, 4), 1e-18, 0, () -> "e 4");
    }

    /** Warmup W = 4: lr·(e + 1)/5 for e < 4, i.e. 0.02, 0.04, 0.06, 0.08; then the schedule from e − W. */
    @Test
    void warmupRampsLinearlyThenStartsTheScheduleAtZero() {
        assertRates(schedule("constant", 3, 0.5, 10, 0.0, 4), 0.02, 0.04, 0.06, 0.08, 0.1, 0.1);
        assertRates(schedule("step", 2, 0.5, 10, 0.0, 4), 0.02, 0.04, 0.06, 0.08, 0.1, 0.1, 0.05, 0.05, 0.025);
        assertRates(schedule("exponential", 3, 0.9, 10, 0.0, 4), 0.02, 0.04, 0.06, 0.08, 0.1, 0.09, 0.08100000000000002);
        Config.Schedule cosine = schedule("cosine", 3, 0.5, 10, 0.001, 4);
        assertRates(cosine, 0.02, 0.04, 0.06, 0.08, 0.1);
        assertClose(0.0505, Schedules.rate(cosine, LR, 9), 0, 1e-14, () -> "cosine epoch 9 = schedule epoch 5");
        assertClose(0.001, Schedules.rate(cosine, LR, 14), 0, 1e-14, () -> "cosine epoch 14 = schedule epoch 10");
        assertClose(0.001, Schedules.rate(cosine, LR, 30), 0, 1e-14, () -> "cosine epoch 30, past t_max");
    }

    @Test
    void oneWarmupEpochIsHalfTheRate() {
        assertRates(schedule("constant", 3, 0.5, 10, 0.0, 1), 0.05, 0.1, 0.1);
    }
}
