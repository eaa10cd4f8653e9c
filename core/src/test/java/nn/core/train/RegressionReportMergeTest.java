package nn.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.LongStream;
import nn.core.tensor.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link RegressionReport#merge} of {@link RegressionReport#state()}s: the rows of a training step split over shards,
 * each part added to a report of its own and the parts' states merged in order, give the RMSE, MAE and R² of adding
 * every row to one report (Chan, Golub and LeVeque's update is exact in exact arithmetic: up to rounding here).
 */
class RegressionReportMergeTest {
    private static final double RTOL = 1e-12;

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 100);
    }

    /**
     * n rows × nout of targets t around an offset of up to 100 standard deviations (where adding row by row needs
     * Welford's update), and outputs y near t. Much further out the targets' own rounding, not the merge, would
     * decide the 13th digit of SS_tot.
     */
    private record Rows(int n, int nout, double[] y, double[] t) {
        static Rows draw(Rng g) {
            int n = 2 + g.nextInt(300), nout = 1 + g.nextInt(3);
            double scale = Math.pow(10, g.uniform(-2, 2)), offset = scale * (g.nextInt(3) == 0 ? 100 : g.uniform(-5, 5));
            double[] y = new double[n * nout], t = new double[n * nout];
            for (int i = 0; i < t.length; i++) {
                t[i] = offset + scale * g.nextGaussian();
                y[i] = t[i] + scale * 0.5 * g.nextGaussian();
            }
            return new Rows(n, nout, y, t);
        }

        /** Rows from..to of the y or t array a. */
        double[] slice(double[] a, int from, int to) {
            return Arrays.copyOfRange(a, from * nout, to * nout);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void mergingTheStatesOfARandomSplitInOrderIsAddingEveryRow(long seed) {
        Rng g = new Rng(seed);
        Rows d = Rows.draw(g);
        RegressionReport whole = new RegressionReport(d.nout());
        whole.add(d.y(), d.t(), d.n());
        // 1 to 8 cut points anywhere in [0, n], repeats allowed: parts of 0 rows (a shard out of rows) and of 1 row included
        int cuts = 1 + g.nextInt(8);
        int[] at = new int[cuts + 2];
        for (int i = 1; i <= cuts; i++) at[i] = g.nextInt(d.n() + 1);
        at[cuts + 1] = d.n();
        Arrays.sort(at);
        RegressionReport merged = new RegressionReport(d.nout());
        for (int p = 0; p + 1 < at.length; p++) {
            RegressionReport part = new RegressionReport(d.nout());
            int rows = at[p + 1] - at[p];
            part.add(d.slice(d.y(), at[p], at[p + 1]), d.slice(d.t(), at[p], at[p + 1]), rows);
            assertEquals(rows, (long) part.state()[0], "state()[0] is n");
            merged.merge(part.state());
        }
        String split = "cuts " + Arrays.toString(at) + ", nout " + d.nout();
        assertEquals(whole.n(), merged.n(), split);
        close(whole.rmse(), merged.rmse(), "rmse, " + split);
        close(whole.mae(), merged.mae(), "mae, " + split);
        close(whole.r2(), merged.r2(), "r2, " + split);
        for (int j = 0; j < d.nout(); j++) close(whole.r2(j), merged.r2(j), "r2(" + j + "), " + split);
    }

    /** A state of no rows leaves every number as it was, into a report with rows or into an empty one. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void mergingAnEmptyStateChangesNothing(long seed) {
        Rng g = new Rng(seed);
        Rows d = Rows.draw(g);
        RegressionReport rep = new RegressionReport(d.nout());
        rep.add(d.y(), d.t(), d.n());
        double[] before = rep.state();
        rep.merge(new RegressionReport(d.nout()).state());
        assertArrayEquals(before, rep.state());
        RegressionReport empty = new RegressionReport(d.nout());
        empty.merge(new RegressionReport(d.nout()).state());
        assertArrayEquals(new RegressionReport(d.nout()).state(), empty.state());
        assertEquals(0, empty.n());
    }

    /** A reset report merging one state has that state's numbers (the first shard of a step into the epoch's report). */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void mergingIntoAnEmptyReportGivesThatReport(long seed) {
        Rng g = new Rng(seed);
        Rows d = Rows.draw(g);
        RegressionReport rep = new RegressionReport(d.nout()), into = new RegressionReport(d.nout());
        rep.add(d.y(), d.t(), d.n());
        into.add(d.y(), d.t(), d.n());
        into.reset();
        into.merge(rep.state());
        assertEquals(rep.n(), into.n());
        close(rep.rmse(), into.rmse(), "rmse");
        close(rep.mae(), into.mae(), "mae");
        close(rep.r2(), into.r2(), "r2");
    }

    private static void close(double expected, double actual, String what) {
        assertTrue(Math.abs(expected - actual) <= RTOL * Math.abs(expected), () -> what + ": " + actual + " against " + expected
                + " (relative " + Math.abs(expected - actual) / Math.abs(expected) + ")");
    }
}
