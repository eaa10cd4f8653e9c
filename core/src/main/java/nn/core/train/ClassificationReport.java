package nn.core.train;

import java.util.function.IntToDoubleFunction;
import nn.core.data.Dataset;

/**
 * The confusion matrix of a classifier over k classes and, per class, precision, recall, F1 and support, with their
 * macro and weighted averages: the numbers of scikit-learn's {@code confusion_matrix} and
 * {@code classification_report(y_true, y_pred, labels=all k classes, zero_division=0)}.
 *
 * <p>With c[i][j] the rows of true class i predicted as class j, for class i:
 * tp = c[i][i], support = Σ_j c[i][j], predicted = Σ_j c[j][i],
 * precision = tp / predicted, recall = tp / support, f1 = 2·tp / (support + predicted) (= 2·p·r / (p + r)),
 * each 0 when its denominator is 0. macro(m) = Σ_i m_i / k; weighted(m) = Σ_i support_i·m_i / Σ_i support_i.
 */
public final class ClassificationReport {
    private final long[][] c;

    /** An empty report over k classes (k ≥ 2). */
    public ClassificationReport(int k) {
        if (k < 2) throw new IllegalArgumentException("k = " + k + ": a classifier needs at least 2 classes");
        c = new long[k][k];
    }

    /** The report of net over every row of d, in evaluation mode, batch rows per forward pass. */
    public static ClassificationReport of(Network net, Dataset d, int k, int batch) {
        ClassificationReport rep = new ClassificationReport(k);
        int nin = d.nin(), nout = d.nout();
        double[] xb = new double[batch * nin], tb = new double[batch * nout];
        for (int start = 0; start < d.n(); start += batch) {
            int n = Math.min(batch, d.n() - start);
            d.rows(null, start, n, xb, tb);
            rep.add(net.forward(xb, n, false), tb, n, nout);
        }
        return rep;
    }

    /**
     * Counts n rows of outputs y against targets t (both n × nout, row-major; the class of a row as
     * {@link Metrics#predicted}: argmax, or &gt; 0.5 for one output). y, t not modified.
     */
    public void add(double[] y, double[] t, int n, int nout) {
        for (int r = 0; r < n; r++) c[Metrics.predicted(t, r, nout)][Metrics.predicted(y, r, nout)]++;
    }

    public int k() {
        return c.length;
    }

    /** The rows of true class i predicted as class j. */
    public long count(int i, int j) {
        return c[i][j];
    }

    /** A copy of the k × k confusion matrix: rows the true class, columns the predicted one. */
    public long[][] confusion() {
        long[][] copy = new long[c.length][];
        for (int i = 0; i < c.length; i++) copy[i] = c[i].clone();
        return copy;
    }

    /** Σ_j c[i][j]: the rows whose true class is i. */
    public long support(int i) {
        long s = 0;
        for (long v : c[i]) s += v;
        return s;
    }

    /** Σ_j c[j][i]: the rows predicted as class i. */
    public long predicted(int i) {
        long s = 0;
        for (long[] row : c) s += row[i];
        return s;
    }

    /** Σ_i support_i: every row counted. */
    public long total() {
        long s = 0;
        for (int i = 0; i < c.length; i++) s += support(i);
        return s;
    }

    public double precision(int i) {
        return ratio(c[i][i], predicted(i));
    }

    public double recall(int i) {
        return ratio(c[i][i], support(i));
    }

    public double f1(int i) {
        return ratio(2 * c[i][i], support(i) + predicted(i));
    }

    /** Σ_i c[i][i] / total. */
    public double accuracy() {
        long tp = 0;
        for (int i = 0; i < c.length; i++) tp += c[i][i];
        return ratio(tp, total());
    }

    /** The plain mean of m over the k classes, e.g. {@code macro(r::f1)}. */
    public double macro(IntToDoubleFunction m) {
        double s = 0;
        for (int i = 0; i < c.length; i++) s += m.applyAsDouble(i);
        return s / c.length;
    }

    /** The mean of m over the k classes weighted by support (0 when no row was counted). */
    public double weighted(IntToDoubleFunction m) {
        double s = 0;
        for (int i = 0; i < c.length; i++) s += support(i) * m.applyAsDouble(i);
        long n = total();
        return n == 0 ? 0 : s / n;
    }

    private static double ratio(long num, long den) {
        return den == 0 ? 0 : (double) num / den;
    }
}
