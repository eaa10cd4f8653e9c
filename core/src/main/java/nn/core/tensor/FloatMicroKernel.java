package nn.core.tensor;
// GENERATED from MicroKernel.java by tools/FloatTwins.java: edit the template, not this file.

/**
 * The only code that knows a register tile: C[0:mr, 0:nr] (+)= Ã·B̃ over kc steps, from an MR-row strip of packed A
 * (pa[pao + k·MR + r] = A(r, k)) and an NR-column panel of packed B (pb[pbo + k·NR + q] = B(k, q)).
 *
 * <p>The contract every implementation keeps, so that any two produce the same bits: each element is summed in k
 * order with one fused multiply-add per step, t = fma(A(r,k), B(k,q), t) from t = 0; then stored as
 * c = acc ? c + t : t; then, when bias is not null, c = c + bias[bo + q].
 */
interface FloatMicroKernel {
    /** Rows of the register tile (and of a packed A strip). */
    int mr();

    /** Columns of the register tile (and of a packed B panel). */
    int nr();

    /** What ran, for provenance: e.g. {@code vector-256 6x8 float}. */
    String name();

    /**
     * Computes one tile. c (row stride ldc, tile at co) modified in its first mr rows and nr columns only; pa, pb,
     * bias not modified; tmp (at least MR·NR) is scratch.
     */
    void run(int kc, float[] pa, int pao, float[] pb, int pbo, float[] c, int co, int ldc, int mr, int nr,
             boolean acc, float[] bias, int bo, float[] tmp);

    /** Stores a finished tile from tmp (row-major, NR wide) by the contract's formula: the edge-tile path. */
    static void storeEdge(float[] tmp, int nrFull, float[] c, int co, int ldc, int mr, int nr, boolean acc,
                          float[] bias, int bo) {
        for (int r = 0; r < mr; r++) {
            for (int q = 0; q < nr; q++) {
                int o = co + r * ldc + q;
                float t = tmp[r * nrFull + q];
                float v = acc ? c[o] + t : t;
                c[o] = bias == null ? v : v + bias[bo + q];
            }
        }
    }
}
