package nn.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link RegressionReport}: MAE and R² worked by hand (the same values as scikit-learn 1.2.1's), and batching. */
class RegressionReportTest {
    /** Output 0: t = 1 3 5, y = 1 2 3 (SS_res 5, SS_tot 8); output 1: t = 2 2 2 (SS_tot 0). */
    static RegressionReport of(double[] y) {
        RegressionReport rep = new RegressionReport(2);
        rep.add(y, new double[] {1, 2, 3, 2, 5, 2}, 3);
        return rep;
    }

    @Test
    void maeOverEveryOutputAndR2AveragedUniformly() {
        RegressionReport rep = of(new double[] {1, 2, 2, 2, 3, 2});
        assertEquals(3, rep.n());
        assertEquals(0.5, rep.mae(), 1e-15);
        assertEquals(3.0 / 8, rep.r2(0), 1e-15);
        assertEquals(1.0, rep.r2(1));
        assertEquals(11.0 / 16, rep.r2(), 1e-15);
    }

    @Test
    void aConstantTargetMissedScoresZero() {
        RegressionReport rep = of(new double[] {1, 2, 2, 2, 3, 3});
        assertEquals(0.0, rep.r2(1));
        assertEquals(3.0 / 16, rep.r2(), 1e-15);
        assertEquals(4.0 / 6, rep.mae(), 1e-15);
    }

    @Test
    void fewerThanTwoRowsHaveNoR2() {
        RegressionReport rep = new RegressionReport(1);
        rep.add(new double[] {1}, new double[] {2}, 1);
        assertTrue(Double.isNaN(rep.r2()));
        assertEquals(1.0, rep.mae());
    }

    @Test
    void batchesGiveTheSameBitsAsOnePassAndMatchTheTwoPassFormula() {
        Random g = new Random(11);
        int n = 1000;
        double[] y = new double[n], t = new double[n];
        for (int r = 0; r < n; r++) {
            t[r] = 1e4 + 3 * g.nextGaussian();
            y[r] = t[r] + g.nextGaussian();
        }
        RegressionReport whole = new RegressionReport(1), parts = new RegressionReport(1);
        whole.add(y, t, n);
        for (int start = 0; start < n; start += 64) {
            int k = Math.min(64, n - start);
            parts.add(Arrays.copyOfRange(y, start, start + k), Arrays.copyOfRange(t, start, start + k), k);
        }
        assertEquals(whole.r2(), parts.r2());
        assertEquals(whole.mae(), parts.mae());
        double mean = 0, res = 0, tot = 0;
        for (double v : t) mean += v / n;
        for (int r = 0; r < n; r++) {
            res += (t[r] - y[r]) * (t[r] - y[r]);
            tot += (t[r] - mean) * (t[r] - mean);
        }
        assertEquals(1 - res / tot, whole.r2(), 1e-12);
    }

    /** RMSE over every value: output 0 SS_res 5, output 1 SS_res 0, so √(5 / 6). */
    @Test
    void rmseOverEveryOutput() {
        assertEquals(Math.sqrt(5.0 / 6), of(new double[] {1, 2, 2, 2, 3, 2}).rmse(), 1e-15);
    }

    @Test
    void resetForgetsEveryRow() {
        RegressionReport rep = of(new double[] {1, 2, 2, 2, 3, 3});
        rep.reset();
        rep.add(new double[] {1, 2, 2, 2, 3, 2}, new double[] {1, 2, 3, 2, 5, 2}, 3);
        RegressionReport fresh = of(new double[] {1, 2, 2, 2, 3, 2});
        assertEquals(fresh.n(), rep.n());
        assertEquals(fresh.mae(), rep.mae());
        assertEquals(fresh.r2(), rep.r2());
        assertEquals(fresh.rmse(), rep.rmse());
    }

    /**
     * Outputs and targets in normalised units (u − shift) / scale are scored in the target's own units: the hand case
     * above standardised by shift (10, −4) and scale (2, 0.5) scores as the hand case itself. The inputs stay as given.
     */
    @Test
    void normalisedRowsAreScoredInTheTargetsOwnUnits() {
        double[] shift = {10, -4}, scale = {2, 0.5};
        double[] y = {1, 2, 2, 2, 3, 2}, t = {1, 2, 3, 2, 5, 2};
        double[] yn = y.clone(), tn = t.clone();
        nn.core.data.Normalizer norm = new nn.core.data.Normalizer("standard", shift, scale);
        norm.apply(yn, 3);
        norm.apply(tn, 3);
        double[] ynBefore = yn.clone(), tnBefore = tn.clone();
        RegressionReport rep = new RegressionReport(2);
        rep.add(yn, tn, 3, norm, new double[6], new double[6]);
        RegressionReport plain = of(y);
        assertEquals(plain.mae(), rep.mae(), 1e-14);
        assertEquals(plain.rmse(), rep.rmse(), 1e-14);
        assertEquals(plain.r2(), rep.r2(), 1e-14);
        assertEquals(Arrays.toString(ynBefore), Arrays.toString(yn), "y not modified");
        assertEquals(Arrays.toString(tnBefore), Arrays.toString(tn), "t not modified");
    }
}
