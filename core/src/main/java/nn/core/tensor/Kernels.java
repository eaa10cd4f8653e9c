package nn.core.tensor;

/**
 * The dense kernels, on row-major double arrays. Loops run over contiguous memory in the innermost position
 * so that the JIT can vectorise them; nothing here allocates.
 */
public final class Kernels {
    private Kernels() {}

    /**
     * y = x·Wᵀ + b: y[r,j] = b[j] + Σ_k x[r,k]·W[j,k] for r < n, j < nout. x (n × nin), W (nout × nin),
     * b (nout, or null for none) not modified; y (n × nout) modified.
     */
    public static void linear(double[] x, double[] w, double[] b, double[] y, int n, int nin, int nout) {
        for (int r = 0; r < n; r++) {
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
        for (int r = 0; r < n; r++) {
            int xo = r * nin, yo = r * nout;
            for (int j = 0; j < nout; j++) {
                double d = dy[yo + j];
                if (db != null) db[j] += d;
                if (d == 0.0) continue;
                int wo = j * nin;
                for (int k = 0; k < nin; k++) dw[wo + k] += d * x[xo + k];
            }
            if (dx != null) {
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
}
