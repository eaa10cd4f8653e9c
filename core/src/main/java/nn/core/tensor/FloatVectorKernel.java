package nn.core.tensor;
// GENERATED from VectorKernel.java by tools/FloatTwins.java: edit the template, not this file.

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fast micro-kernel: a 6 × 2L tile of C in twelve 256-bit accumulators (6 rows × 2 vectors of L lanes),
 * t[r][q:q+L] = fma(broadcast A(r,k), B(k, q:q+L), t[r][q:q+L]) for k in order. Per k it loads 2 vectors of B and
 * 6 scalars of A for 12 vector FMAs, so the two FMA ports stay busy while the loads hide behind them.
 *
 * <p>Accumulators are locals and the stores are written out in this method: a vector held in an array, or passed
 * to a helper that C2 does not inline, is boxed (a measured 3× slowdown). Loaded only when the JVM has the
 * {@code jdk.incubator.vector} module ({@link FloatGemm} checks); 256 bits because 512 buys nothing on the CPUs measured.
 */
final class FloatVectorKernel implements FloatMicroKernel {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    /** Lanes per vector. */
    static final int L = S.length();
    static final int MR = 6, NR = 2 * L;

    /** Whether this JVM runs 256-bit vectors natively (not emulated). */
    static boolean supported() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
    }

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
        return "vector-" + S.vectorBitSize() + " " + MR + "x" + NR + " float";
    }

    @Override
    public void run(int kc, float[] pa, int pao, float[] pb, int pbo, float[] c, int co, int ldc, int mr, int nr,
                    boolean acc, float[] bias, int bo, float[] tmp) {
        FloatVector t00 = FloatVector.zero(S), t01 = t00, t10 = t00, t11 = t00, t20 = t00, t21 = t00;
        FloatVector t30 = t00, t31 = t00, t40 = t00, t41 = t00, t50 = t00, t51 = t00;
        for (int k = 0; k < kc; k++) {
            int ia = pao + k * MR, ib = pbo + k * NR;
            FloatVector b0 = FloatVector.fromArray(S, pb, ib), b1 = FloatVector.fromArray(S, pb, ib + L);
            FloatVector a = FloatVector.broadcast(S, pa[ia]);
            t00 = a.fma(b0, t00); t01 = a.fma(b1, t01);
            a = FloatVector.broadcast(S, pa[ia + 1]);
            t10 = a.fma(b0, t10); t11 = a.fma(b1, t11);
            a = FloatVector.broadcast(S, pa[ia + 2]);
            t20 = a.fma(b0, t20); t21 = a.fma(b1, t21);
            a = FloatVector.broadcast(S, pa[ia + 3]);
            t30 = a.fma(b0, t30); t31 = a.fma(b1, t31);
            a = FloatVector.broadcast(S, pa[ia + 4]);
            t40 = a.fma(b0, t40); t41 = a.fma(b1, t41);
            a = FloatVector.broadcast(S, pa[ia + 5]);
            t50 = a.fma(b0, t50); t51 = a.fma(b1, t51);
        }
        if (mr == MR && nr == NR) {
            int c1 = co + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc;
            if (acc) { // c = c + t
                t00 = t00.add(FloatVector.fromArray(S, c, co)); t01 = t01.add(FloatVector.fromArray(S, c, co + L));
                t10 = t10.add(FloatVector.fromArray(S, c, c1)); t11 = t11.add(FloatVector.fromArray(S, c, c1 + L));
                t20 = t20.add(FloatVector.fromArray(S, c, c2)); t21 = t21.add(FloatVector.fromArray(S, c, c2 + L));
                t30 = t30.add(FloatVector.fromArray(S, c, c3)); t31 = t31.add(FloatVector.fromArray(S, c, c3 + L));
                t40 = t40.add(FloatVector.fromArray(S, c, c4)); t41 = t41.add(FloatVector.fromArray(S, c, c4 + L));
                t50 = t50.add(FloatVector.fromArray(S, c, c5)); t51 = t51.add(FloatVector.fromArray(S, c, c5 + L));
            }
            if (bias != null) { // c = c + bias
                FloatVector b0 = FloatVector.fromArray(S, bias, bo), b1 = FloatVector.fromArray(S, bias, bo + L);
                t00 = t00.add(b0); t01 = t01.add(b1); t10 = t10.add(b0); t11 = t11.add(b1);
                t20 = t20.add(b0); t21 = t21.add(b1); t30 = t30.add(b0); t31 = t31.add(b1);
                t40 = t40.add(b0); t41 = t41.add(b1); t50 = t50.add(b0); t51 = t51.add(b1);
            }
            t00.intoArray(c, co); t01.intoArray(c, co + L);
            t10.intoArray(c, c1); t11.intoArray(c, c1 + L);
            t20.intoArray(c, c2); t21.intoArray(c, c2 + L);
            t30.intoArray(c, c3); t31.intoArray(c, c3 + L);
            t40.intoArray(c, c4); t41.intoArray(c, c4 + L);
            t50.intoArray(c, c5); t51.intoArray(c, c5 + L);
            return;
        }
        t00.intoArray(tmp, 0); t01.intoArray(tmp, L); t10.intoArray(tmp, 2 * L); t11.intoArray(tmp, 3 * L);
        t20.intoArray(tmp, 4 * L); t21.intoArray(tmp, 5 * L); t30.intoArray(tmp, 6 * L); t31.intoArray(tmp, 7 * L);
        t40.intoArray(tmp, 8 * L); t41.intoArray(tmp, 9 * L); t50.intoArray(tmp, 10 * L); t51.intoArray(tmp, 11 * L);
        FloatMicroKernel.storeEdge(tmp, NR, c, co, ldc, mr, nr, acc, bias, bo);
    }
}
