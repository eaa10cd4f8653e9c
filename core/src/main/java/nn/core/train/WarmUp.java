package nn.core.train;

import nn.core.spi.Layer;
import nn.core.spi.Loss;

/**
 * Has the JIT compile a run's hot path before the run needs it: on a daemon thread, a shadow copy of the network
 * (the same shapes and number type, weights and buffers of its own) takes forward and backward passes on a synthetic
 * batch while the data loads. Interpreted Vector API code is hundreds of times slower than compiled code: a cold
 * B3-sized product took 0.8 s, a warm one 1 ms. It touches nothing of the real run, so results do not depend on it;
 * it stops when training starts, or after {@link #BUDGET_NANOS}.
 */
final class WarmUp {
    static final long BUDGET_NANOS = 2_000_000_000L;
    private static final int MAX_STEPS = 60;
    private final Thread thread;

    private WarmUp(Thread thread) {
        this.thread = thread;
    }

    /** Whether training net in batches of batch rows runs the blocked GEMM, which is what wants warming up. */
    static boolean wanted(Network net, int batch) {
        for (Layer l : net.layers()) if (net.dtype().blocked(batch, l.nin(), l.nout())) return true;
        return false;
    }

    /** Starts warming up on shadow, a copy of c's network built for this (weights and buffers of its own). */
    static WarmUp start(Config c, Network shadow, int batch) {
        Loss loss = c.loss().provider().create(c.loss().params());
        Thread t = new Thread(() -> run(shadow, loss, batch), "nn-warmup");
        t.setDaemon(true);
        t.start();
        return new WarmUp(t);
    }

    private static void run(Network net, Loss loss, int n) {
        Objective objective = Objective.of(net, loss);
        double[] x = new double[n * net.nin()], t = new double[n * net.nout()];
        for (int i = 0; i < x.length; i++) x[i] = Math.sin(i) * 0.5;
        for (int r = 0; r < n; r++) t[r * net.nout() + r % net.nout()] = 1;
        long end = System.nanoTime() + BUDGET_NANOS;
        try {
            for (int s = 0; s < MAX_STEPS && System.nanoTime() < end && !Thread.currentThread().isInterrupted(); s++) {
                net.zeroGrad();
                double[] y = net.forward(x, n, true);
                objective.backward(y, t, n);
            }
        } catch (IllegalStateException e) {
            // stopped while a product split over threads waited for its parts (Parallel.range): what stop() asks for
            if (!Thread.currentThread().isInterrupted()) throw e;
        }
    }

    /** Stops warming up (training has started and compiles whatever is left itself). */
    void stop() {
        thread.interrupt();
    }
}
