package nn.core.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fast micro-kernel: a 6×8 tile of C in twelve 256-bit accumulators (6 rows × 2 vectors of 4 doubles),
 * t[r][q:q+4] = fma(broadcast A(r,k), B(k, q:q+4), t[r][q:q+4]) for k in order. Per k it loads 2 vectors of B and
 * 6 scalars of A for 12 FMAs, so the two FMA ports stay busy while the loads hide behind them.
 *
 * <p>Accumulators are locals, never an array (C2 would box them). Loaded only when the JVM has the
 * {@code jdk.incubator.vector} module ({@link Gemm} checks); 256 bits because 512 buys nothing on the CPUs measured.
 */
final class VectorKernel implements MicroKernel {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;
    static final int MR = 6, NR = 8;

    /** Whether this JVM runs 256-bit double vectors natively (not emulated). */
    static boolean supported() {
        return DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
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
        return "vector-256 6x8";
    }

    @Override
    public void run(int kc, double[] pa, int pao, double[] pb, int pbo, double[] c, int co, int ldc, int mr, int nr,
                    boolean acc, double[] bias, int bo, double[] tmp) {
        DoubleVector t00 = DoubleVector.zero(S), t01 = t00, t10 = t00, t11 = t00, t20 = t00, t21 = t00;
        DoubleVector t30 = t00, t31 = t00, t40 = t00, t41 = t00, t50 = t00, t51 = t00;
        for (int k = 0; k < kc; k++) {
            int ia = pao + k * MR, ib = pbo + k * NR;
            DoubleVector b0 = DoubleVector.fromArray(S, pb, ib), b1 = DoubleVector.fromArray(S, pb, ib + 4);
            DoubleVector a = DoubleVector.broadcast(S, pa[ia]);
            t00 = a.fma(b0, t00); t01 = a.fma(b1, t01);
            a = DoubleVector.broadcast(S, pa[ia + 1]);
            t10 = a.fma(b0, t10); t11 = a.fma(b1, t11);
            a = DoubleVector.broadcast(S, pa[ia + 2]);
            t20 = a.fma(b0, t20); t21 = a.fma(b1, t21);
            a = DoubleVector.broadcast(S, pa[ia + 3]);
            t30 = a.fma(b0, t30); t31 = a.fma(b1, t31);
            a = DoubleVector.broadcast(S, pa[ia + 4]);
            t40 = a.fma(b0, t40); t41 = a.fma(b1, t41);
            a = DoubleVector.broadcast(S, pa[ia + 5]);
            t50 = a.fma(b0, t50); t51 = a.fma(b1, t51);
        }
        if (mr == MR && nr == NR) {
            if (acc) {
                t00 = t00.add(DoubleVector.fromArray(S, c, co)); t01 = t01.add(DoubleVector.fromArray(S, c, co + 4));
                t10 = t10.add(DoubleVector.fromArray(S, c, co + ldc)); t11 = t11.add(DoubleVector.fromArray(S, c, co + ldc + 4));
                t20 = t20.add(DoubleVector.fromArray(S, c, co + 2 * ldc)); t21 = t21.add(DoubleVector.fromArray(S, c, co + 2 * ldc + 4));
                t30 = t30.add(DoubleVector.fromArray(S, c, co + 3 * ldc)); t31 = t31.add(DoubleVector.fromArray(S, c, co + 3 * ldc + 4));
                t40 = t40.add(DoubleVector.fromArray(S, c, co + 4 * ldc)); t41 = t41.add(DoubleVector.fromArray(S, c, co + 4 * ldc + 4));
                t50 = t50.add(DoubleVector.fromArray(S, c, co + 5 * ldc)); t51 = t51.add(DoubleVector.fromArray(S, c, co + 5 * ldc + 4));
            }
            if (bias != null) {
                DoubleVector b0 = DoubleVector.fromArray(S, bias, bo), b1 = DoubleVector.fromArray(S, bias, bo + 4);
                t00 = t00.add(b0); t01 = t01.add(b1); t10 = t10.add(b0); t11 = t11.add(b1); t20 = t20.add(b0); t21 = t21.add(b1);
                t30 = t30.add(b0); t31 = t31.add(b1); t40 = t40.add(b0); t41 = t41.add(b1); t50 = t50.add(b0); t51 = t51.add(b1);
            }
            t00.intoArray(c, co); t01.intoArray(c, co + 4);
            t10.intoArray(c, co + ldc); t11.intoArray(c, co + ldc + 4);
            t20.intoArray(c, co + 2 * ldc); t21.intoArray(c, co + 2 * ldc + 4);
            t30.intoArray(c, co + 3 * ldc); t31.intoArray(c, co + 3 * ldc + 4);
            t40.intoArray(c, co + 4 * ldc); t41.intoArray(c, co + 4 * ldc + 4);
            t50.intoArray(c, co + 5 * ldc); t51.intoArray(c, co + 5 * ldc + 4);
            return;
        }
        t00.intoArray(tmp, 0); t01.intoArray(tmp, 4); t10.intoArray(tmp, 8); t11.intoArray(tmp, 12);
        t20.intoArray(tmp, 16); t21.intoArray(tmp, 20); t30.intoArray(tmp, 24); t31.intoArray(tmp, 28);
        t40.intoArray(tmp, 32); t41.intoArray(tmp, 36); t50.intoArray(tmp, 40); t51.intoArray(tmp, 44);
        MicroKernel.storeEdge(tmp, NR, c, co, ldc, mr, nr, acc, bias, bo);
    }
}
