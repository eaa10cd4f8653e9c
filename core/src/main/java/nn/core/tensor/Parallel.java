package nn.core.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A worker pool for the dense kernels: an execution context. Work is split into contiguous chunks of output rows
 * (or units), each computed by one thread in the order a single thread would use, so results are bit-identical
 * whatever the thread count. Idle workers block on a queue; nothing spins.
 *
 * <p>The kernels use the context of the calling thread: the one {@link #bind bound} to it, if any, else the
 * process-wide one that {@link #threads(int)} sizes. A run that shares the process with others ({@code nn sweep})
 * creates a context of its own and binds it to the thread it trains on, so that runs side by side neither share a
 * pool nor shut down each other's.
 */
public final class Parallel implements AutoCloseable {
    /**
     * Below this many multiply-adds a kernel call runs on the calling thread. A hand-off costs about 15 µs, but
     * measured end to end a second thread did not pay below this size: B3 (64 × 784 × 128 products, 6.4 M) trained
     * at 43 k samples/s on one thread and 31 k on two, while B4 (200–270 M) gained 1.6× from the second thread.
     */
    static final long MIN_WORK = 1 << 23;

    private static volatile Parallel shared = new Parallel(1, "nn-worker-");
    private static final ThreadLocal<Parallel> BOUND = new ThreadLocal<>();

    private final int threads;
    private final ExecutorService pool;

    private Parallel(int threads, String prefix) {
        this.threads = threads;
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        this.pool = threads <= 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, prefix + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * A context of its own with n threads (0: one per available processor), the calling thread included: n − 1
     * workers, started as work arrives. Nothing uses it until it is {@link #bind bound}; {@link #close} ends its workers.
     */
    public static Parallel create(int n) {
        return new Parallel(n > 0 ? n : Runtime.getRuntime().availableProcessors(), "nn-run-worker-");
    }

    /** A binding of a context to a thread; closing it restores the thread's earlier context. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** Makes this the context of the calling thread until the returned scope is closed (on the same thread). */
    public Scope bind() {
        Parallel before = BOUND.get();
        BOUND.set(this);
        return () -> {
            if (before == null) BOUND.remove();
            else BOUND.set(before);
        };
    }

    /** Whether the calling thread has a context bound to it ({@link #bind}) rather than the process-wide one. */
    public static boolean bound() {
        return BOUND.get() != null;
    }

    /** This context's thread count, the calling thread included. */
    public int size() {
        return threads;
    }

    /** Ends this context's workers (after the work they hold). The process-wide context is never closed this way. */
    @Override
    public void close() {
        if (pool != null) pool.shutdown();
    }

    /**
     * Sets the number of threads of the process-wide context (0: one per available processor), used by threads that
     * have none bound. Results do not depend on it.
     */
    public static synchronized void threads(int n) {
        int want = n > 0 ? n : Runtime.getRuntime().availableProcessors();
        if (want == shared.threads) return;
        Parallel old = shared;
        shared = new Parallel(want, "nn-worker-");
        if (old.pool != null) old.pool.shutdown();
    }

    /** The thread count of the calling thread's context. */
    public static int threads() {
        return current().threads;
    }

    private static Parallel current() {
        Parallel p = BOUND.get();
        return p != null ? p : shared;
    }

    /** A piece of work over the indices [from, to). */
    public interface Range {
        void run(int from, int to);
    }

    /**
     * Runs body over [0, n) in the calling thread's context: in one piece on the calling thread when there is one
     * thread or less than {@link #MIN_WORK} work, else in one contiguous chunk per thread, the first on the calling
     * thread.
     */
    public static void range(int n, long work, Range body) {
        Parallel p = current();
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
