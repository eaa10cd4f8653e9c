package nn.core.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The one worker pool of the process, for the dense kernels. Work is split into contiguous chunks of output rows
 * (or units), each computed by one thread in the order a single thread would use, so results are bit-identical
 * whatever the thread count. Idle workers block on a queue; nothing spins.
 */
public final class Parallel {
    /**
     * Below this many multiply-adds a kernel call runs on the calling thread. A hand-off costs about 15 µs, but
     * measured end to end a second thread did not pay below this size: B3 (64 × 784 × 128 products, 6.4 M) trained
     * at 43 k samples/s on one thread and 31 k on two, while B4 (200–270 M) gained 1.6× from the second thread.
     */
    static final long MIN_WORK = 1 << 23;

    private static volatile Parallel shared = new Parallel(1);

    private final int threads;
    private final ExecutorService pool;

    private Parallel(int threads) {
        this.threads = threads;
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        this.pool = threads <= 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "nn-worker-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Sets the number of threads (0: one per available processor). Results do not depend on it. */
    public static synchronized void threads(int n) {
        int want = n > 0 ? n : Runtime.getRuntime().availableProcessors();
        if (want == shared.threads) return;
        Parallel old = shared;
        shared = new Parallel(want);
        if (old.pool != null) old.pool.shutdown();
    }

    public static int threads() {
        return shared.threads;
    }

    /** A piece of work over the indices [from, to). */
    public interface Range {
        void run(int from, int to);
    }

    /**
     * Runs body over [0, n): in one piece on the calling thread when there is one thread or less than
     * {@link #MIN_WORK} work, else in one contiguous chunk per thread, the first on the calling thread.
     */
    public static void range(int n, long work, Range body) {
        Parallel p = shared;
        int chunks = (int) Math.min(p.threads, n);
        if (chunks <= 1 || work < MIN_WORK) {
            body.run(0, n);
            return;
        }
        List<Future<?>> rest = new ArrayList<>(chunks - 1);
        for (int c = 1; c < chunks; c++) {
            int from = (int) ((long) n * c / chunks), to = (int) ((long) n * (c + 1) / chunks);
            rest.add(p.pool.submit(() -> body.run(from, to)));
        }
        body.run(0, (int) ((long) n / chunks));
        try {
            for (Future<?> f : rest) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }
}
