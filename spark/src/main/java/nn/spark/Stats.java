package nn.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import nn.core.data.Normalizer;
import org.apache.spark.api.java.JavaRDD;

/**
 * Column sums, minima and maxima of one shard's raw rows (features, or targets), and its rows per class: added up in
 * shard order on the driver, so normalisers fitted to rows kept on executors have the same bits every time.
 * Formulas as {@link Normalizer#fit}: standard is the mean and the population standard deviation (two passes),
 * minmax the minimum and the range; a constant column keeps scale 1.
 */
record Stats(int shard, long n, double[] sum, double[] lo, double[] hi, double[] tsum, double[] tlo, double[] thi, long[] classCounts)
        implements Serializable {

    static Stats of(ShardData d, boolean labels) {
        double[][] f = columns(d.x(), d.n(), d.nin()), t = columns(d.y(), d.n(), d.nout());
        long[] counts = new long[labels ? d.nout() : 0];
        if (labels) {
            for (int r = 0; r < d.n(); r++) for (int j = 0; j < d.nout(); j++) if (d.y()[r * d.nout() + j] == 1) counts[j]++;
        }
        return new Stats(d.shard(), d.n(), f[0], f[1], f[2], t[0], t[1], t[2], counts);
    }

    /** Sum, min and max of each column of rows × width values a, in row order. */
    private static double[][] columns(double[] a, int rows, int width) {
        double[] sum = new double[width], lo = new double[width], hi = new double[width];
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < width; k++) {
                double v = a[r * width + k];
                sum[k] += v;
                lo[k] = Math.min(lo[k], v);
                hi[k] = Math.max(hi[k], v);
            }
        }
        return new double[][] {sum, lo, hi};
    }

    /** The shards' stats added in shard order (parts sorted by shard). */
    static Stats sum(List<Stats> parts, int nin, int nout) {
        long n = 0;
        double[] sum = new double[nin], lo = fill(nin, Double.POSITIVE_INFINITY), hi = fill(nin, Double.NEGATIVE_INFINITY);
        double[] tsum = new double[nout], tlo = fill(nout, Double.POSITIVE_INFINITY), thi = fill(nout, Double.NEGATIVE_INFINITY);
        long[] counts = new long[parts.isEmpty() ? 0 : parts.get(0).classCounts().length];
        for (Stats p : parts) {
            n += p.n();
            add(sum, lo, hi, p.sum(), p.lo(), p.hi());
            add(tsum, tlo, thi, p.tsum(), p.tlo(), p.thi());
            for (int j = 0; j < counts.length; j++) counts[j] += p.classCounts()[j];
        }
        return new Stats(-1, n, sum, lo, hi, tsum, tlo, thi, counts);
    }

    private static void add(double[] sum, double[] lo, double[] hi, double[] s, double[] l, double[] h) {
        for (int k = 0; k < sum.length; k++) {
            sum[k] += s[k];
            lo[k] = Math.min(lo[k], l[k]);
            hi[k] = Math.max(hi[k], h[k]);
        }
    }

    private static double[] fill(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    /** The normaliser of kind for the features (or the targets), a second pass over shards for standard's variance. */
    Normalizer normalizer(String kind, JavaRDD<ShardData> shards, boolean targets) {
        double[] s = targets ? tsum : sum, l = targets ? tlo : lo, h = targets ? thi : hi;
        int width = s.length;
        double[] shift = new double[width], scale = fill(width, 1.0);
        if (kind.equals("none") || n == 0) return new Normalizer(kind, shift, scale);
        if (kind.equals("minmax")) {
            for (int k = 0; k < width; k++) {
                shift[k] = l[k];
                scale[k] = h[k] > l[k] ? h[k] - l[k] : 1.0;
            }
            return new Normalizer(kind, shift, scale);
        }
        double[] mean = new double[width];
        for (int k = 0; k < width; k++) mean[k] = s[k] / n;
        List<double[]> parts = new java.util.ArrayList<>(shards.map(d -> squares(d, mean, targets)).collect());
        parts.sort((a, b) -> Double.compare(a[width], b[width]));
        double[] var = new double[width];
        for (double[] p : parts) for (int k = 0; k < width; k++) var[k] += p[k];
        for (int k = 0; k < width; k++) {
            double sd = Math.sqrt(var[k] / n);
            shift[k] = mean[k];
            scale[k] = sd > 0 ? sd : 1.0;
        }
        return new Normalizer(kind, shift, scale);
    }

    /** Σ (v − mean)² per column of one shard, in row order; the shard's number last (to sort by). */
    private static double[] squares(ShardData d, double[] mean, boolean targets) {
        double[] a = targets ? d.y() : d.x();
        int width = mean.length;
        double[] out = new double[width + 1];
        for (int r = 0; r < d.n(); r++) {
            for (int k = 0; k < width; k++) {
                double e = a[r * width + k] - mean[k];
                out[k] += e * e;
            }
        }
        out[width] = d.shard();
        return out;
    }
}
