package nn.core.tensor;
// GENERATED from ScalarKernel.java by tools/FloatTwins.java: edit the template, not this file.

/**
 * The portable micro-kernel: a 4×4 tile in sixteen scalar accumulators, t[r][q] = fma(A(r,k), B(k,q), t[r][q]).
 * Used where the Vector API is not available (a JVM started without {@code --add-modules jdk.incubator.vector},
 * or vectors narrower than 256 bits); same bits as {@link FloatVectorKernel}, about a quarter of its speed.
 */
final class FloatScalarKernel implements FloatMicroKernel {
    static final int MR = 4, NR = 4;

    @Override
    public int mr() {
        return MR;
    }

    @Override
    public int nr() {
        return NR;
    }

    @Override
    public String name() {
        return "scalar 4x4 float";
    }

    @Override
    public void run(int kc, float[] pa, int pao, float[] pb, int pbo, float[] c, int co, int ldc, int mr, int nr,
                    boolean acc, float[] bias, int bo, float[] tmp) {
        float t00 = 0, t01 = 0, t02 = 0, t03 = 0, t10 = 0, t11 = 0, t12 = 0, t13 = 0;
        float t20 = 0, t21 = 0, t22 = 0, t23 = 0, t30 = 0, t31 = 0, t32 = 0, t33 = 0;
        for (int k = 0; k < kc; k++) {
            int ia = pao + k * MR, ib = pbo + k * NR;
            float b0 = pb[ib], b1 = pb[ib + 1], b2 = pb[ib + 2], b3 = pb[ib + 3];
            float a = pa[ia];
            t00 = Math.fma(a, b0, t00); t01 = Math.fma(a, b1, t01); t02 = Math.fma(a, b2, t02); t03 = Math.fma(a, b3, t03);
            a = pa[ia + 1];
            t10 = Math.fma(a, b0, t10); t11 = Math.fma(a, b1, t11); t12 = Math.fma(a, b2, t12); t13 = Math.fma(a, b3, t13);
            a = pa[ia + 2];
            t20 = Math.fma(a, b0, t20); t21 = Math.fma(a, b1, t21); t22 = Math.fma(a, b2, t22); t23 = Math.fma(a, b3, t23);
            a = pa[ia + 3];
            t30 = Math.fma(a, b0, t30); t31 = Math.fma(a, b1, t31); t32 = Math.fma(a, b2, t32); t33 = Math.fma(a, b3, t33);
        }
        tmp[0] = t00; tmp[1] = t01; tmp[2] = t02; tmp[3] = t03;
        tmp[4] = t10; tmp[5] = t11; tmp[6] = t12; tmp[7] = t13;
        tmp[8] = t20; tmp[9] = t21; tmp[10] = t22; tmp[11] = t23;
        tmp[12] = t30; tmp[13] = t31; tmp[14] = t32; tmp[15] = t33;
        FloatMicroKernel.storeEdge(tmp, NR, c, co, ldc, mr, nr, acc, bias, bo);
    }
}
