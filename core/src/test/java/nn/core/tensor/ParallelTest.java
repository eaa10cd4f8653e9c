package nn.core.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Splitting the kernels over threads changes no bit of any result. */
class ParallelTest {
    @AfterEach
    void oneThreadAgain() {
        Parallel.threads(1);
    }

    private static double[] random(SplittableRandom r, int n, double zeros) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = r.nextDouble() < zeros ? 0.0 : r.nextDouble() * 2 - 1;
        return a;
    }

    /** linear and linearBackward with t threads: y, dW, db, dx. */
    private static double[][] run(int threads, long seed, int n, int nin, int nout) {
        Parallel.threads(threads);
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = random(r, n * nin, 0.3), w = random(r, nout * nin, 0), b = random(r, nout, 0), dy = random(r, n * nout, 0.2);
        double[] y = new double[n * nout], dw = random(new SplittableRandom(seed + 1), nout * nin, 0), db = new double[nout], dx = new double[n * nin];
        Kernels.linear(x, w, b, y, n, nin, nout);
        Kernels.linearBackward(x, w, dy, dw, db, dx, n, nin, nout);
        return new double[][] {y, dw, db, dx};
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5})
    void resultsAreBitIdenticalWhateverTheThreadCount(int threads) {
        int n = 67, nin = 401, nout = 313; // n·nin·nout above the threshold; sizes that do not split evenly
        assertEquals(true, (long) n * nin * nout >= Parallel.MIN_WORK);
        double[][] one = run(1, 7, n, nin, nout), many = run(threads, 7, n, nin, nout);
        for (int i = 0; i < one.length; i++) assertArrayEquals(one[i], many[i], 0.0, "array " + i);
    }

    @Test
    void rangeCoversEveryIndexOnceAcrossThreads() {
        Parallel.threads(3);
        AtomicIntegerArray seen = new AtomicIntegerArray(1000);
        java.util.Set<String> names = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Parallel.range(1000, Parallel.MIN_WORK, (from, to) -> {
            names.add(Thread.currentThread().getName());
            for (int i = from; i < to; i++) seen.incrementAndGet(i);
        });
        for (int i = 0; i < 1000; i++) assertEquals(1, seen.get(i), "index " + i);
        assertEquals(3, names.size(), "three threads took part: " + names);
    }

    @Test
    void smallWorkStaysOnTheCallingThread() {
        Parallel.threads(2);
        String caller = Thread.currentThread().getName();
        java.util.Set<String> names = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Parallel.range(100, Parallel.MIN_WORK - 1, (from, to) -> names.add(Thread.currentThread().getName()));
        assertEquals(java.util.Set.of(caller), names);
    }

    @Test
    void aWorkersExceptionReachesTheCaller() {
        Parallel.threads(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parallel.range(10, Parallel.MIN_WORK, (from, to) -> {
            if (from > 0) throw new IllegalArgumentException("chunk " + from);
        }));
        assertEquals("chunk 5", e.getMessage());
    }

    @Test
    void zeroMeansOnePerProcessor() {
        Parallel.threads(0);
        assertEquals(Runtime.getRuntime().availableProcessors(), Parallel.threads());
        Parallel.threads(1);
        assertNotEquals(0, Parallel.threads());
    }
}
