package nn.core.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Contexts of their own: bound to a thread, used by the kernels there, closed without touching anyone else's. */
class ParallelContextTest {
    @AfterEach
    void oneThreadAgain() {
        Parallel.threads(1);
    }

    /** The names of the threads that ran range over 1000 indices with enough work to split. */
    private static Set<String> workers() {
        Set<String> names = ConcurrentHashMap.newKeySet();
        Parallel.range(1000, Parallel.MIN_WORK, (from, to) -> names.add(Thread.currentThread().getName()));
        return names;
    }

    @Test
    void aBoundContextIsTheOneTheKernelsUseUntilItsScopeCloses() {
        Parallel.threads(1);
        assertFalse(Parallel.bound());
        try (Parallel p = Parallel.create(3); Parallel.Scope s = p.bind()) {
            assertTrue(Parallel.bound());
            assertEquals(3, Parallel.threads());
            Set<String> names = workers();
            assertEquals(3, names.size(), names.toString());
            assertTrue(names.stream().filter(n -> !n.equals(Thread.currentThread().getName())).allMatch(n -> n.startsWith("nn-run-worker-")), names.toString());
            try (Parallel inner = Parallel.create(2); Parallel.Scope s2 = inner.bind()) {
                assertEquals(2, Parallel.threads());
            }
            assertEquals(3, Parallel.threads(), "the outer context again");
        }
        assertFalse(Parallel.bound());
        assertEquals(1, Parallel.threads());
        assertEquals(Set.of(Thread.currentThread().getName()), workers());
    }

    /**
     * Two threads, each with a context of two threads: the products they compute at the same time are those of one
     * thread, and closing one context (as a run that ends does) leaves the other working, as does resizing the
     * process-wide one.
     */
    @Test
    void contextsSideBySideNeitherShareNorShutDownEachOthersPool() throws Exception {
        int n = 67, nin = 401, nout = 313; // above MIN_WORK
        SplittableRandom r = new SplittableRandom(11);
        double[] x = new double[n * nin], w = new double[nout * nin], b = new double[nout];
        for (int i = 0; i < x.length; i++) x[i] = r.nextDouble() - 0.5;
        for (int i = 0; i < w.length; i++) w[i] = r.nextDouble() - 0.5;
        double[] expected = new double[n * nout];
        Parallel.threads(1);
        Kernels.linear(x, w, b, expected, n, nin, nout);

        Parallel first = Parallel.create(2);
        CountDownLatch firstClosed = new CountDownLatch(1), secondStarted = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Set<String> secondWorkers = ConcurrentHashMap.newKeySet();
        Thread second = new Thread(() -> {
            try (Parallel p = Parallel.create(2); Parallel.Scope s = p.bind()) {
                secondStarted.countDown();
                firstClosed.await();
                Parallel.threads(3); // another run resizing the process-wide context touches no bound one
                for (int k = 0; k < 5; k++) {
                    double[] y = new double[n * nout];
                    Kernels.linear(x, w, b, y, n, nin, nout);
                    assertArrayEquals(expected, y, 0.0);
                }
                secondWorkers.addAll(workers());
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "second");
        second.start();
        secondStarted.await();
        try (Parallel.Scope s = first.bind()) {
            double[] y = new double[n * nout];
            Kernels.linear(x, w, b, y, n, nin, nout);
            assertArrayEquals(expected, y, 0.0);
        }
        first.close();
        firstClosed.countDown();
        second.join();
        if (failure.get() != null) throw new AssertionError(failure.get());
        assertEquals(2, secondWorkers.size(), secondWorkers.toString());
        assertTrue(secondWorkers.contains("second"));
    }
}
