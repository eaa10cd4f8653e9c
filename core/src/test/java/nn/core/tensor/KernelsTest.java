package nn.core.tensor;

import static nn.core.contract.Approx.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Kernels} against naive triple loops written from the Javadoc formulas, and against central differences. */
class KernelsTest {
    private static final double EPS = 1e-6;

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 30);
    }

    /** A random problem: n in 1..5, nin in 1..9, nout in 1..11 (both sides of the 4-wide unrolled loop). */
    private record Case(int n, int nin, int nout, double[] x, double[] w, double[] b, double[] dy) {
        static Case random(long seed) {
            Rng rng = new Rng(seed);
            int n = 1 + rng.nextInt(5), nin = 1 + rng.nextInt(9), nout = 1 + rng.nextInt(11);
            double[] dy = fill(rng, n * nout);
            for (int i = 0; i < dy.length; i += 3) dy[i] = 0.0; // exact zeros take the kernels' skip path
            return new Case(n, nin, nout, fill(rng, n * nin), fill(rng, nout * nin), seed % 4 == 0 ? null : fill(rng, nout), dy);
        }

        private static double[] fill(Rng rng, int len) {
            double[] a = new double[len];
            for (int i = 0; i < len; i++) a[i] = rng.uniform(-2, 2);
            return a;
        }

        /** y[r,j] = b[j] + Σ_k x[r,k]·W[j,k]. */
        double[] naiveLinear(double[] x, double[] w, double[] b) {
            double[] y = new double[n * nout];
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < nout; j++) {
                    double s = b == null ? 0 : b[j];
                    for (int k = 0; k < nin; k++) s += x[r * nin + k] * w[j * nin + k];
                    y[r * nout + j] = s;
                }
            }
            return y;
        }

        /** L = Σ dy ⊙ linear(x, W, b), whose gradients linearBackward computes. */
        double objective(double[] x, double[] w, double[] b) {
            double[] y = naiveLinear(x, w, b);
            double s = 0;
            for (int i = 0; i < y.length; i++) s += dy[i] * y[i];
            return s;
        }

        @Override
        public String toString() {
            return "n=" + n + " nin=" + nin + " nout=" + nout + (b == null ? " no bias" : "");
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void linearMatchesTheNaiveLoop(long seed) {
        Case c = Case.random(seed);
        double[] x0 = c.x.clone(), w0 = c.w.clone(), b0 = c.b == null ? null : c.b.clone();
        double[] y = new double[c.n * c.nout + 2];
        Arrays.fill(y, Double.NaN);
        Kernels.linear(c.x, c.w, c.b, y, c.n, c.nin, c.nout);
        assertClose(c.naiveLinear(c.x, c.w, c.b), y, c.n * c.nout, 1e-13, 1e-13, c::toString);
        assertEquals(Double.NaN, y[c.n * c.nout], "wrote beyond n·nout");
        assertArrayEquals(x0, c.x, "x modified");
        assertArrayEquals(w0, c.w, "W modified");
        assertArrayEquals(b0, c.b, "b modified");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void linearBackwardAccumulatesParameterGradientsAndOverwritesDx(long seed) {
        Case c = Case.random(seed);
        Rng rng = new Rng(~seed);
        double[] dw0 = Case.fill(rng, c.nout * c.nin), db0 = c.b == null ? null : Case.fill(rng, c.nout);
        double[] dw = dw0.clone(), db = db0 == null ? null : db0.clone();
        double[] dx = new double[c.n * c.nin];
        Arrays.fill(dx, 99.0);
        double[] x0 = c.x.clone(), w0 = c.w.clone(), dy0 = c.dy.clone();
        Kernels.linearBackward(c.x, c.w, c.dy, dw, db, dx, c.n, c.nin, c.nout);
        assertArrayEquals(x0, c.x, "x modified");
        assertArrayEquals(w0, c.w, "W modified");
        assertArrayEquals(dy0, c.dy, "dy modified");

        for (int j = 0; j < c.nout; j++) {
            double sb = 0;
            for (int r = 0; r < c.n; r++) sb += c.dy[r * c.nout + j];
            if (db != null) {
                int jj = j;
                assertClose(db0[j] + sb, db[j], 1e-13, 1e-13, () -> "db[" + jj + "], " + c);
            }
            for (int k = 0; k < c.nin; k++) {
                double s = 0;
                for (int r = 0; r < c.n; r++) s += c.dy[r * c.nout + j] * c.x[r * c.nin + k];
                int jj = j, kk = k;
                assertClose(dw0[j * c.nin + k] + s, dw[j * c.nin + k], 1e-13, 1e-13, () -> "dW[" + jj + "," + kk + "], " + c);
            }
        }
        for (int r = 0; r < c.n; r++) {
            for (int k = 0; k < c.nin; k++) {
                double s = 0;
                for (int j = 0; j < c.nout; j++) s += c.dy[r * c.nout + j] * c.w[j * c.nin + k];
                int rr = r, kk = k;
                assertClose(s, dx[r * c.nin + k], 1e-13, 1e-13, () -> "dx[" + rr + "," + kk + "], " + c);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void linearBackwardMatchesCentralDifferences(long seed) {
        Case c = Case.random(seed);
        double[] dw = new double[c.nout * c.nin], db = c.b == null ? null : new double[c.nout], dx = new double[c.n * c.nin];
        Kernels.linearBackward(c.x, c.w, c.dy, dw, db, dx, c.n, c.nin, c.nout);
        checkAgainstDifferences(c, c.x, dx, "dx");
        checkAgainstDifferences(c, c.w, dw, "dW");
        if (c.b != null) checkAgainstDifferences(c, c.b, db, "db");
    }

    /** Perturbs each element of {@code param} (one of c's arrays) in place and restores it. */
    private static void checkAgainstDifferences(Case c, double[] param, double[] grad, String name) {
        for (int i = 0; i < param.length; i++) {
            double v = param[i], plus = v + EPS, minus = v - EPS;
            param[i] = plus;
            double lp = c.objective(c.x, c.w, c.b);
            param[i] = minus;
            double lm = c.objective(c.x, c.w, c.b);
            param[i] = v;
            int at = i;
            assertClose((lp - lm) / (plus - minus), grad[i], 1e-7, 1e-6, () -> name + "[" + at + "], " + c);
        }
    }

    @Test
    void linearBackwardByHandWithoutDxOrDb() {
        // x = [[1, 2], [3, 4]], dy = [[1, -1], [2, 3]]: dW[j,k] = Σ_r dy[r,j]·x[r,k]
        double[] dw = new double[4];
        Kernels.linearBackward(new double[] {1, 2, 3, 4}, new double[] {1, 0, -1, 2}, new double[] {1, -1, 2, 3},
                dw, null, null, 2, 2, 2);
        assertArrayEquals(new double[] {1 + 2 * 3, 2 + 2 * 4, -1 + 3 * 3, -2 + 3 * 4}, dw);
    }

    @Test
    void linearByHand() {
        // x = [[1, 2]], W = [[3, 4], [5, 6], [7, 8], [9, 10], [11, 12]], b = [0.5, 0, 0, 0, -1]
        double[] y = new double[5];
        Kernels.linear(new double[] {1, 2}, new double[] {3, 4, 5, 6, 7, 8, 9, 10, 11, 12},
                new double[] {0.5, 0, 0, 0, -1}, y, 1, 2, 5);
        assertArrayEquals(new double[] {11.5, 17, 23, 29, 34}, y);
    }
}
