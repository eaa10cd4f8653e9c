package nn.core.tensor;
// GENERATED from Gemm.java by tools/FloatTwins.java: edit the template, not this file.

/**
 * General matrix multiply on row-major float arrays, the BLIS way: C (m×n) = [C +] op(A)·op(B) [+ bias], with
 * op(A) m×k and op(B) k×n, each either the array as stored or its transpose. Around one {@link FloatMicroKernel}: the
 * k dimension in blocks of {@link #KC}, B packed into k×NR panels, A into MR×k strips (MC rows at a time, for the
 * L2 cache), and threads over whole NR-column tiles of C.
 *
 * <p><b>Summation order</b>, the same for every thread count, kernel and shape class (tiny products take a plain
 * loop that keeps it too): for each element, per block of KC k-steps in order, t = Σ fma(A(i,k), B(k,j), t) from 0;
 * c = t for the first block (c + t when accumulating), c = c + t for later ones; then c = c + bias[j]. So the
 * same inputs give the same bits on every machine whose JVM has a fused multiply-add.
 */
public final class FloatGemm {
    /** k-steps per block: a B panel (KC × NR) stays in L1, an A block (MC × KC) in L2. Part of the summation order. */
    static final int KC = 256;
    /** Rows of A packed at once (a multiple of both kernels' MR). */
    static final int MC = 120;
    /** Columns of B packed at once. */
    static final int NC = 4096;
    /** Below this many multiply-adds a product takes the plain loop: packing costs more than it saves. */
    static final long SMALL = 1 << 12;

    /**
     * The kernel of this process: the Vector API one when the JVM has it, else the portable one. Chosen when first
     * needed (a holder class), so that a run of tiny products (nn grad on the seed network) never loads the Vector API.
     */
    private static final class Chosen {
        static final FloatMicroKernel KERNEL = choose(System.getProperty("nn.kernel", "auto"));
    }

    private FloatGemm() {}

    /** Which micro-kernel runs, for provenance (checkpoints, summaries): e.g. {@code vector-256 6x8 float}. */
    public static String kernel() {
        return Chosen.KERNEL.name();
    }

    /**
     * C = [C +] op(A)·op(B) [+ 1·biasᵀ], and rowSums[i] += Σ_k op(A)[i,k] when rowSums is not null.
     * op(A)[i,k] = ta ? a[k·lda + i] : a[i·lda + k]; op(B)[k,j] = tb ? b[j·ldb + k] : b[k·ldb + j].
     * a, b, bias (n, or null) not modified; c (m rows of stride ldc) and rowSums (m) modified.
     *
     * @param accumulate add to C instead of overwriting it
     */
    public static void gemm(boolean ta, boolean tb, int m, int n, int k, float[] a, int lda, float[] b, int ldb,
                            float[] c, int ldc, boolean accumulate, float[] bias, float[] rowSums) {
        if (blocked((long) m * n * k)) blocked(Chosen.KERNEL, ta, tb, m, n, k, a, lda, b, ldb, c, ldc, accumulate, bias, rowSums);
        else plain(ta, tb, m, n, k, a, lda, b, ldb, c, ldc, accumulate, bias, rowSums);
    }

    /** Whether a product of m·n·k multiply-adds takes the blocked path (and so wants the JIT to have compiled it). */
    public static boolean blocked(long work) {
        return work >= SMALL;
    }

    /** {@link #gemm} by straight loops, in the documented summation order: the path for tiny products. */
    static void plain(boolean ta, boolean tb, int m, int n, int k, float[] a, int lda, float[] b, int ldb,
                      float[] c, int ldc, boolean accumulate, float[] bias, float[] rowSums) {
        // A(i,p) = a[ai + p·sa], B(p,j) = b[bj + p·sb]: the transposes become strides, decided once per call
        int sa = ta ? lda : 1, sb = tb ? 1 : ldb;
        for (int i = 0; i < m; i++) {
            int ai = ta ? i : i * lda;
            for (int j = 0; j < n; j++) {
                int bj = tb ? j * ldb : j;
                float v = accumulate ? c[i * ldc + j] : 0;
                for (int k0 = 0; k0 < k; k0 += KC) {
                    int k1 = Math.min(k, k0 + KC);
                    float t = 0;
                    for (int p = k0; p < k1; p++) t = Math.fma(a[ai + p * sa], b[bj + p * sb], t);
                    v = k0 == 0 && !accumulate ? t : v + t;
                }
                c[i * ldc + j] = bias == null ? v : v + bias[j];
            }
            if (rowSums != null) for (int p = 0; p < k; p++) rowSums[i] += a[ai + p * sa];
        }
    }

    /** {@link #gemm} by packed blocks and the given micro-kernel, split over threads by column tiles. */
    static void blocked(FloatMicroKernel kern, boolean ta, boolean tb, int m, int n, int k, float[] a, int lda, float[] b,
                        int ldb, float[] c, int ldc, boolean accumulate, float[] bias, float[] rowSums) {
        int nr = kern.nr(), tiles = (n + nr - 1) / nr;
        long work = (long) m * n * k;
        if (work == 0) {
            plain(ta, tb, m, n, k, a, lda, b, ldb, c, ldc, accumulate, bias, rowSums);
            return;
        }
        if (Parallel.threads() == 1 || work < Parallel.MIN_WORK) {
            columns(kern, ta, tb, m, n, k, a, lda, b, ldb, c, ldc, accumulate, bias, rowSums, 0, n);
            return;
        }
        Parallel.range(tiles, work, (t0, t1) -> columns(kern, ta, tb, m, n, k, a, lda, b, ldb, c, ldc, accumulate,
                bias, t0 == 0 ? rowSums : null, t0 * nr, Math.min(n, t1 * nr)));
    }

    /** The columns [n0, n1) of C, on the calling thread. rowSums (added to once) only by the part that starts at 0. */
    private static void columns(FloatMicroKernel kern, boolean ta, boolean tb, int m, int n, int k, float[] a, int lda,
                                float[] b, int ldb, float[] c, int ldc, boolean accumulate, float[] bias,
                                float[] rowSums, int n0, int n1) {
        int mr = kern.mr(), nr = kern.nr();
        Workspace ws = Workspace.of(mr, nr, Math.min(NC, n1 - n0));
        for (int jc = n0; jc < n1; jc += NC) {
            int nc = Math.min(NC, n1 - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                boolean acc = accumulate || pc > 0, last = pc + kc == k;
                packB(tb, b, ldb, pc, kc, jc, nc, nr, ws.pb);
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    packA(ta, a, lda, ic, mc, pc, kc, mr, ws.pa, jc == 0 ? rowSums : null);
                    for (int jr = 0; jr < nc; jr += nr) {
                        for (int ir = 0; ir < mc; ir += mr) {
                            kern.run(kc, ws.pa, ir * kc, ws.pb, jr * kc, c, (ic + ir) * ldc + jc + jr, ldc,
                                    Math.min(mr, mc - ir), Math.min(nr, nc - jr), acc, last ? bias : null, jc + jr, ws.tmp);
                        }
                    }
                }
            }
        }
    }

    /**
     * Packs op(A)[ic:ic+mc, pc:pc+kc] into MR-row strips, pa[(ir/MR)·kc·MR + p·MR + r], zero-padding the last strip;
     * adds each element to rowSums[row] in k order when rowSums is not null.
     */
    static void packA(boolean ta, float[] a, int lda, int ic, int mc, int pc, int kc, int mr, float[] pa, float[] rowSums) {
        for (int ir = 0; ir < mc; ir += mr) {
            int base = ir * kc, rows = Math.min(mr, mc - ir);
            if (ta) {
                for (int p = 0; p < kc; p++) {
                    int src = (pc + p) * lda + ic + ir, dst = base + p * mr;
                    for (int r = 0; r < rows; r++) pa[dst + r] = a[src + r];
                    for (int r = rows; r < mr; r++) pa[dst + r] = 0;
                }
            } else {
                for (int r = 0; r < rows; r++) {
                    int src = (ic + ir + r) * lda + pc;
                    for (int p = 0; p < kc; p++) pa[base + p * mr + r] = a[src + p];
                }
                for (int r = rows; r < mr; r++) for (int p = 0; p < kc; p++) pa[base + p * mr + r] = 0;
            }
            if (rowSums != null) {
                for (int r = 0; r < rows; r++) {
                    float s = rowSums[ic + ir + r];
                    for (int p = 0; p < kc; p++) s += pa[base + p * mr + r];
                    rowSums[ic + ir + r] = s;
                }
            }
        }
    }

    /** Packs op(B)[pc:pc+kc, jc:jc+nc] into NR-column panels, pb[(jr/NR)·kc·NR + p·NR + q], zero-padding the last. */
    static void packB(boolean tb, float[] b, int ldb, int pc, int kc, int jc, int nc, int nr, float[] pb) {
        for (int jr = 0; jr < nc; jr += nr) {
            int base = jr * kc, cols = Math.min(nr, nc - jr);
            if (tb) {
                for (int q = 0; q < cols; q++) {
                    int src = (jc + jr + q) * ldb + pc;
                    for (int p = 0; p < kc; p++) pb[base + p * nr + q] = b[src + p];
                }
                for (int q = cols; q < nr; q++) for (int p = 0; p < kc; p++) pb[base + p * nr + q] = 0;
            } else {
                for (int p = 0; p < kc; p++) {
                    int src = (pc + p) * ldb + jc + jr, dst = base + p * nr;
                    for (int q = 0; q < cols; q++) pb[dst + q] = b[src + q];
                    for (int q = cols; q < nr; q++) pb[dst + q] = 0;
                }
            }
        }
    }

    /** A thread's packing buffers and edge-tile scratch, grown (never shrunk) to the largest call seen. */
    private static final class Workspace {
        private static final ThreadLocal<Workspace> OF_THREAD = ThreadLocal.withInitial(Workspace::new);
        float[] pa = new float[0], pb = new float[0], tmp = new float[0];

        /** This thread's workspace, with room for a kernel of mr × nr tiles and panels of up to nc columns. */
        static Workspace of(int mr, int nr, int nc) {
            Workspace ws = OF_THREAD.get();
            int pbLen = KC * ((nc + nr - 1) / nr * nr);
            if (ws.pa.length < MC * KC) ws.pa = new float[MC * KC];
            if (ws.pb.length < pbLen) ws.pb = new float[pbLen];
            if (ws.tmp.length < mr * nr) ws.tmp = new float[mr * nr];
            return ws;
        }
    }

    private static FloatMicroKernel choose(String want) {
        if (want.equals("scalar") || !ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) return new FloatScalarKernel();
        try {
            Class<?> vk = Class.forName("nn.core.tensor.FloatVectorKernel");
            if ((boolean) vk.getDeclaredMethod("supported").invoke(null)) {
                return (FloatMicroKernel) vk.getDeclaredConstructor().newInstance();
            }
        } catch (ReflectiveOperationException | LinkageError e) {
            // no usable Vector API: the portable kernel gives the same bits
        }
        return new FloatScalarKernel();
    }
}
