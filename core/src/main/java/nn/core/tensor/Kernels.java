package nn.core.tensor;

/**
 * The dense kernels, on row-major double arrays. Loops run over contiguous memory in the innermost position
 * so that the JIT can vectorise them. Large calls are split over {@link Parallel}'s threads by output row (or
 * unit); each element is still summed in the same order, so the thread count never changes a result.
 */
public final class Kernels {
    private Kernels() {}

    /**
     * y = x·Wᵀ + b: y[r,j] = b[j] + Σ_k x[r,k]·W[j,k] for r < n, j < nout. x (n × nin), W (nout × nin),
     * b (nout, or null for none) not modified; y (n × nout) modified.
     */
    public static void linear(double[] x, double[] w, double[] b, double[] y, int n, int nin, int nout) {
        long work = (long) n * nin * nout;
        if (work < Parallel.MIN_WORK) linearRows(x, w, b, y, 0, n, nin, nout);
        else Parallel.range(n, work, (r0, r1) -> linearRows(x, w, b, y, r0, r1, nin, nout));
    }

    /** {@link #linear} for the rows [r0, r1). */
    static void linearRows(double[] x, double[] w, double[] b, double[] y, int r0, int r1, int nin, int nout) {
        for (int r = r0; r < r1; r++) {
            int xo = r * nin, yo = r * nout;
            int j = 0;
            for (; j + 3 < nout; j += 4) {
                int w0 = j * nin, w1 = w0 + nin, w2 = w1 + nin, w3 = w2 + nin;
                double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                for (int k = 0; k < nin; k++) {
                    double xv = x[xo + k];
                    s0 += xv * w[w0 + k];
                    s1 += xv * w[w1 + k];
                    s2 += xv * w[w2 + k];
                    s3 += xv * w[w3 + k];
                }
                y[yo + j] = b == null ? s0 : s0 + b[j];
                y[yo + j + 1] = b == null ? s1 : s1 + b[j + 1];
                y[yo + j + 2] = b == null ? s2 : s2 + b[j + 2];
                y[yo + j + 3] = b == null ? s3 : s3 + b[j + 3];
            }
            for (; j < nout; j++) {
                int wo = j * nin;
                double s = 0;
                for (int k = 0; k < nin; k++) s += x[xo + k] * w[wo + k];
                y[yo + j] = b == null ? s : s + b[j];
            }
        }
    }

    /**
     * The backward pass of {@link #linear}: dW[j,k] += Σ_r dy[r,j]·x[r,k]; db[j] += Σ_r dy[r,j] (db may be null);
     * dx[r,k] = Σ_j dy[r,j]·W[j,k] when dx is not null. x, W, dy not modified; dW, db, dx modified.
     */
    public static void linearBackward(double[] x, double[] w, double[] dy, double[] dw, double[] db, double[] dx,
                                      int n, int nin, int nout) {
        long work = (long) n * nin * nout;
        if (work < Parallel.MIN_WORK) {
            weightGradRows(x, dy, dw, db, 0, nout, n, nin, nout);
            if (dx != null) inputGradRows(w, dy, dx, 0, n, nin, nout);
            return;
        }
        Parallel.range(nout, work, (j0, j1) -> weightGradRows(x, dy, dw, db, j0, j1, n, nin, nout));
        if (dx != null) Parallel.range(n, work, (r0, r1) -> inputGradRows(w, dy, dx, r0, r1, nin, nout));
    }

    /** dW[j,·] += Σ_r dy[r,j]·x[r,·] and db[j] += Σ_r dy[r,j] for the units [j0, j1), r in order. */
    static void weightGradRows(double[] x, double[] dy, double[] dw, double[] db, int j0, int j1, int n, int nin, int nout) {
        for (int j = j0; j < j1; j++) {
            int wo = j * nin;
            for (int r = 0; r < n; r++) {
                double d = dy[r * nout + j];
                if (db != null) db[j] += d;
                if (d == 0.0) continue;
                int xo = r * nin;
                for (int k = 0; k < nin; k++) dw[wo + k] += d * x[xo + k];
            }
        }
    }

    /** dx[r,·] = Σ_j dy[r,j]·W[j,·] for the rows [r0, r1). */
    static void inputGradRows(double[] w, double[] dy, double[] dx, int r0, int r1, int nin, int nout) {
        for (int r = r0; r < r1; r++) {
            int xo = r * nin, yo = r * nout;
            java.util.Arrays.fill(dx, xo, xo + nin, 0.0);
            for (int j = 0; j < nout; j++) {
                double d = dy[yo + j];
                if (d == 0.0) continue;
                int wo = j * nin;
                for (int k = 0; k < nin; k++) dx[xo + k] += d * w[wo + k];
            }
        }
    }
}
