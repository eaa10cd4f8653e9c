package nn.core.tensor;
// GENERATED from GemmTest.java by tools/FloatTwins.java: edit the template, not this file.

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link FloatGemm}: the plain loop against the formula, and every blocked path (each micro-kernel, 1, 2 and 3 threads)
 * against the plain loop bit for bit, on shapes of every class: edge tiles, several k blocks, several row blocks.
 */
class FloatGemmTest {
    /** Tolerance of the plain loop against plain summation: sums of up to ~500 products of numbers below 2. */
    static final float TOL = 10000 * Math.ulp((float) 1);

    @AfterEach
    void oneThreadAgain() {
        Parallel.threads(1);
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 40);
    }

    static LongStream fewSeeds() {
        return LongStream.rangeClosed(1, 8);
    }

    /** A random product; dims from 1 to just past a block boundary, so that every edge is crossed somewhere. */
    record Case(boolean ta, boolean tb, int m, int n, int k, float[] a, float[] b, float[] c0, float[] bias,
                boolean accumulate, boolean sums) {
        static Case random(long seed) {
            return random(seed, false);
        }

        /** large: every dim past a block boundary, so that the product is split over threads (above MIN_WORK). */
        static Case random(long seed, boolean large) {
            SplittableRandom r = new SplittableRandom(seed);
            int m = large ? FloatGemm.MC + 1 + r.nextInt(20) : dim(r, FloatGemm.MC + 13), n = large ? 280 + r.nextInt(20) : dim(r, 70);
            int k = large ? FloatGemm.KC + 1 + r.nextInt(FloatGemm.KC) : dim(r, FloatGemm.KC * 2 + 5);
            boolean ta = r.nextBoolean(), tb = r.nextBoolean();
            return new Case(ta, tb, m, n, k, fill(r, m * k), fill(r, k * n), fill(r, m * n),
                    r.nextBoolean() ? fill(r, n) : null, r.nextBoolean(), r.nextBoolean());
        }

        private static int dim(SplittableRandom r, int max) {
            return r.nextInt(4) == 0 ? 1 + r.nextInt(9) : 1 + r.nextInt(max);
        }

        static float[] fill(SplittableRandom r, int len) {
            float[] x = new float[len];
            for (int i = 0; i < len; i++) x[i] = r.nextInt(10) == 0 ? 0 : (float) r.nextDouble(-2, 2);
            return x;
        }

        int lda() {
            return ta ? m : k;
        }

        int ldb() {
            return tb ? k : n;
        }

        float opA(int i, int p) {
            return ta ? a[p * m + i] : a[i * k + p];
        }

        float opB(int p, int j) {
            return tb ? b[j * k + p] : b[p * n + j];
        }

        /** C and the row sums, from the formula by plain summation. */
        float[][] reference() {
            float[] c = accumulate ? c0.clone() : new float[m * n];
            float[] s = new float[m];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    float v = 0;
                    for (int p = 0; p < k; p++) v += opA(i, p) * opB(p, j);
                    c[i * n + j] += v + (bias == null ? 0 : bias[j]);
                }
                for (int p = 0; p < k; p++) s[i] += opA(i, p);
            }
            return new float[][] {c, s};
        }

        /** C and the row sums from one call: kern null for the plain loop, else the blocked one with that kernel. */
        float[][] run(FloatMicroKernel kern) {
            float[] c = c0.clone(), s = sums ? new float[m] : null;
            if (kern == null) FloatGemm.plain(ta, tb, m, n, k, a, lda(), b, ldb(), c, n, accumulate, bias, s);
            else FloatGemm.blocked(kern, ta, tb, m, n, k, a, lda(), b, ldb(), c, n, accumulate, bias, s);
            return new float[][] {c, s};
        }

        @Override
        public String toString() {
            return (ta ? "Aᵀ" : "A") + (tb ? "·Bᵀ" : "·B") + " m=" + m + " n=" + n + " k=" + k
                    + (accumulate ? " +=" : "") + (bias != null ? " bias" : "") + (sums ? " sums" : "");
        }
    }

    static List<FloatMicroKernel> kernels() {
        List<FloatMicroKernel> ks = new ArrayList<>(List.of(new FloatScalarKernel()));
        if (FloatVectorKernel.supported()) ks.add(new FloatVectorKernel());
        return ks;
    }

    private static void assertClose(float[] want, float[] got, String where) {
        for (int i = 0; i < want.length; i++) {
            float err = Math.abs(want[i] - got[i]);
            assertTrue(err <= TOL + TOL * Math.abs(want[i]), where + ": [" + i + "] " + got[i] + ", want " + want[i]);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void thePlainLoopComputesTheFormula(long seed) {
        Case c = Case.random(seed);
        float[][] want = c.reference(), got = c.run(null);
        assertClose(want[0], got[0], c.toString());
        if (c.sums) assertClose(want[1], got[1], c.toString());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyKernelAndThreadCountGivesThePlainLoopsBits(long seed) {
        sameBitsEverywhere(Case.random(seed));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("fewSeeds")
    void largeProductsSplitOverThreadsGiveThePlainLoopsBits(long seed) {
        Case c = Case.random(seed, true);
        assertTrue((long) c.m * c.n * c.k >= Parallel.MIN_WORK, c::toString);
        sameBitsEverywhere(c);
    }

    private static void sameBitsEverywhere(Case c) {
        float[][] want = c.run(null);
        for (FloatMicroKernel kern : kernels()) {
            for (int threads : new int[] {1, 2, 3}) {
                Parallel.threads(threads);
                float[][] got = c.run(kern);
                String where = c + " kernel " + kern.name() + " threads " + threads;
                assertArrayEquals(want[0], got[0], where);
                if (c.sums) assertArrayEquals(want[1], got[1], where);
            }
        }
    }

    @Test
    void theThreadSplitReallyHappensOnLargeProducts() {
        SplittableRandom r = new SplittableRandom(3);
        int m = 128, n = 784, k = 128; // 12.8 M multiply-adds: above Parallel.MIN_WORK
        float[] a = Case.fill(r, m * k), b = Case.fill(r, k * n);
        assertTrue((long) m * n * k >= Parallel.MIN_WORK);
        List<float[]> out = new ArrayList<>();
        for (int threads : new int[] {1, 2, 3}) {
            Parallel.threads(threads);
            float[] c = new float[m * n];
            FloatGemm.gemm(false, false, m, n, k, a, k, b, n, c, n, false, null, null);
            out.add(c);
        }
        assertArrayEquals(out.get(0), out.get(1));
        assertArrayEquals(out.get(0), out.get(2));
    }

    @Test
    void theVectorKernelRunsWhereTheJvmHasTheModule() {
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertEquals(module && FloatVectorKernel.supported() ? new FloatVectorKernel().name() : new FloatScalarKernel().name(), FloatGemm.kernel());
    }

    @Test
    void anEmptySumIsZeroPlusBias() {
        float[] c = {7, 7, 7, 7};
        FloatGemm.gemm(false, false, 2, 2, 0, new float[0], 0, new float[0], 2, c, 2, false, new float[] {1, 2}, null);
        assertArrayEquals(new float[] {1, 2, 1, 2}, c);
    }
}
