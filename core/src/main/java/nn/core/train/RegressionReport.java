package nn.core.train;

import nn.core.data.Dataset;
import nn.core.data.Normalizer;

/**
 * Root mean squared error, mean absolute error and coefficient of determination of a regression network:
 * scikit-learn's {@code root_mean_squared_error}, {@code mean_absolute_error} and {@code r2_score}, all with
 * multioutput='uniform_average' (RMSE over every value, as before: √(Σ_j SS_res,j / (n·nout))).
 *
 * <p>Over n rows and nout outputs y against targets t: mae = Σ_r Σ_j |y_rj − t_rj| / (n·nout);
 * per output j, R²_j = 1 − SS_res,j / SS_tot,j with SS_res,j = Σ_r (t_rj − y_rj)², SS_tot,j = Σ_r (t_rj − t̄_j)²
 * (1 when both are 0, 0 when only SS_tot,j is, as sklearn's force_finite); r2 = Σ_j R²_j / nout, NaN below 2 rows.
 * SS_tot is accumulated in one pass by Welford's update.
 */
public final class RegressionReport {
    private final int nout;
    private final double[] mean, ssTot, ssRes;
    private double abs;
    private long n;

    public RegressionReport(int nout) {
        if (nout < 1) throw new IllegalArgumentException("nout = " + nout + ": expected at least 1 output");
        this.nout = nout;
        mean = new double[nout];
        ssTot = new double[nout];
        ssRes = new double[nout];
    }

    /**
     * The report of net over every row of d, in evaluation mode, batch rows per forward pass, in the target's own
     * units: outputs and targets are inverted through d's {@link Dataset#targetNormalizer()}.
     */
    public static RegressionReport of(Network net, Dataset d, int batch) {
        RegressionReport rep = new RegressionReport(d.nout());
        Normalizer tn = d.targetNormalizer();
        double[] xb = new double[batch * d.nin()], tb = new double[batch * d.nout()];
        double[] ys = new double[batch * d.nout()], ts = new double[batch * d.nout()];
        for (int start = 0; start < d.n(); start += batch) {
            int n = Math.min(batch, d.n() - start);
            d.rows(null, start, n, xb, tb);
            rep.add(net.forward(xb, n, false), tb, n, tn, ys, ts);
        }
        return rep;
    }

    /** Forgets every row added (allocating nothing). */
    public void reset() {
        java.util.Arrays.fill(mean, 0);
        java.util.Arrays.fill(ssTot, 0);
        java.util.Arrays.fill(ssRes, 0);
        abs = 0;
        n = 0;
    }

    /**
     * Adds rows rows of outputs y and targets t that are in norm's normalised units: both are copied to ys and ts
     * (scratch of at least rows·nout values), inverted there to the target's own units, and added. Allocates nothing.
     * y, t not modified; ys, ts modified.
     */
    public void add(double[] y, double[] t, int rows, Normalizer norm, double[] ys, double[] ts) {
        if (norm.kind().equals("none")) {
            add(y, t, rows);
            return;
        }
        System.arraycopy(y, 0, ys, 0, rows * nout);
        System.arraycopy(t, 0, ts, 0, rows * nout);
        norm.invert(ys, 0, rows);
        norm.invert(ts, 0, rows);
        add(ys, ts, rows);
    }

    /** Adds rows rows of outputs y and targets t (both rows × nout, row-major). y, t not modified. */
    public void add(double[] y, double[] t, int rows) {
        for (int r = 0; r < rows; r++) {
            n++;
            for (int j = 0; j < nout; j++) {
                double tj = t[r * nout + j], e = tj - y[r * nout + j], d = tj - mean[j];
                abs += Math.abs(e);
                ssRes[j] += e * e;
                mean[j] += d / n;
                ssTot[j] += d * (tj - mean[j]);
            }
        }
    }

    /** What has been added, as [n, Σ|e|, mean_j…, SS_tot,j…, SS_res,j…]: for {@link #merge}. */
    public double[] state() {
        return state(null);
    }

    /** {@link #state()} into into when it has the size (a training step's scratch, reused), else into a new array. */
    public double[] state(double[] into) {
        double[] s = into != null && into.length == 2 + 3 * nout ? into : new double[2 + 3 * nout];
        s[0] = n;
        s[1] = abs;
        System.arraycopy(mean, 0, s, 2, nout);
        System.arraycopy(ssTot, 0, s, 2 + nout, nout);
        System.arraycopy(ssRes, 0, s, 2 + 2 * nout, nout);
        return s;
    }

    /**
     * Adds the rows another report added (its {@link #state()}), by Chan, Golub and LeVeque's pairwise update of
     * the mean and SS_tot: the same as adding them row by row, up to rounding. o not modified.
     */
    public void merge(double[] o) {
        long m = (long) o[0];
        if (m == 0) return;
        long total = n + m;
        for (int j = 0; j < nout; j++) {
            double d = o[2 + j] - mean[j];
            ssTot[j] += o[2 + nout + j] + d * d * ((double) n * m / total);
            mean[j] += d * m / total;
            ssRes[j] += o[2 + 2 * nout + j];
        }
        abs += o[1];
        n = total;
    }

    /** The rows added. */
    public long n() {
        return n;
    }

    /** √(Σ_j SS_res,j / (n·nout)). */
    public double rmse() {
        double s = 0;
        for (int j = 0; j < nout; j++) s += ssRes[j];
        return Math.sqrt(s / ((double) n * nout));
    }

    public double mae() {
        return abs / ((double) n * nout);
    }

    /** R²_j of output j. */
    public double r2(int j) {
        if (ssTot[j] == 0) return ssRes[j] == 0 ? 1 : 0;
        return 1 - ssRes[j] / ssTot[j];
    }

    /** The mean of R²_j over the outputs; NaN for fewer than 2 rows (as sklearn). */
    public double r2() {
        if (n < 2) return Double.NaN;
        double s = 0;
        for (int j = 0; j < nout; j++) s += r2(j);
        return s / nout;
    }
}
