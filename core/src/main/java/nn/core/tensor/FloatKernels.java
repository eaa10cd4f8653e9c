package nn.core.tensor;
// GENERATED from Kernels.java by tools/FloatTwins.java: edit the template, not this file.

/**
 * The dense layer's three products, each one {@link FloatGemm} call on row-major float arrays: forward x·Wᵀ (+ b),
 * weight gradient dyᵀ·x (with the bias gradient summed in the same pass) and input gradient dy·W. Every element is
 * summed in FloatGemm's fixed order, so neither the thread count nor the kernel changes a bit of any result.
 */
public final class FloatKernels {
    private FloatKernels() {}

    /**
     * y = x·Wᵀ + b: y[r,j] = b[j] + Σ_k x[r,k]·W[j,k] for r < n, j < nout. x (n × nin), W (nout × nin),
     * b (nout, or null for none) not modified; y (n × nout) modified.
     */
    public static void linear(float[] x, float[] w, float[] b, float[] y, int n, int nin, int nout) {
        FloatGemm.gemm(false, true, n, nout, nin, x, nin, w, nin, y, nout, false, b, null);
    }

    /** Whether the products of a layer of nin → nout on batches of n run the blocked GEMM. */
    public static boolean blocked(int n, int nin, int nout) {
        return FloatGemm.blocked((long) n * nin * nout);
    }

    /**
     * The backward pass of {@link #linear}: dW[j,k] += Σ_r dy[r,j]·x[r,k]; db[j] += Σ_r dy[r,j] (db may be null);
     * dx[r,k] = Σ_j dy[r,j]·W[j,k] when dx is not null. x, W, dy not modified; dW, db, dx modified.
     */
    public static void linearBackward(float[] x, float[] w, float[] dy, float[] dw, float[] db, float[] dx,
                                      int n, int nin, int nout) {
        FloatGemm.gemm(true, false, nout, nin, n, dy, nout, x, nin, dw, nin, true, null, db);
        if (dx != null) FloatGemm.gemm(false, false, n, nin, nout, dy, nout, w, nin, dx, nin, false, null, null);
    }
}
