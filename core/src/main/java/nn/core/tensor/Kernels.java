package nn.core.tensor;

/**
 * The dense layer's three products, each one {@link Gemm} call on row-major double arrays: forward x·Wᵀ (+ b),
 * weight gradient dyᵀ·x (with the bias gradient summed in the same pass) and input gradient dy·W. Every element is
 * summed in Gemm's fixed order, so neither the thread count nor the kernel changes a bit of any result.
 */
public final class Kernels {
    private Kernels() {}

    /**
     * y = x·Wᵀ + b: y[r,j] = b[j] + Σ_k x[r,k]·W[j,k] for r < n, j < nout. x (n × nin), W (nout × nin),
     * b (nout, or null for none) not modified; y (n × nout) modified.
     */
    public static void linear(double[] x, double[] w, double[] b, double[] y, int n, int nin, int nout) {
        Gemm.gemm(false, true, n, nout, nin, x, nin, w, nin, y, nout, false, b, null);
    }

    /** Whether the products of a layer of nin → nout on batches of n run the blocked GEMM. */
    public static boolean blocked(int n, int nin, int nout) {
        return Gemm.blocked((long) n * nin * nout);
    }

    /**
     * The backward pass of {@link #linear}: dW[j,k] += Σ_r dy[r,j]·x[r,k]; db[j] += Σ_r dy[r,j] (db may be null);
     * dx[r,k] = Σ_j dy[r,j]·W[j,k] when dx is not null. x, W, dy not modified; dW, db, dx modified.
     */
    public static void linearBackward(double[] x, double[] w, double[] dy, double[] dw, double[] db, double[] dx,
                                      int n, int nin, int nout) {
        Gemm.gemm(true, false, nout, nin, n, dy, nout, x, nin, dw, nin, true, null, db);
        if (dx != null) Gemm.gemm(false, false, n, nin, nout, dy, nout, w, nin, dx, nin, false, null, null);
    }
}
