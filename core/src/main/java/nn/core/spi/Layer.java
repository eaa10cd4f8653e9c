package nn.core.spi;

import java.util.List;

/**
 * One layer of a feed-forward network, working on a batch of {@code n} samples at a time. Inputs are
 * {@code n × nin()} and outputs {@code n × nout()}, row-major. Scratch arrays a layer needs between forward and
 * backward are allocated once by {@link #allocate(int)}; forward and backward allocate nothing.
 *
 * <p>State: {@link #parameters()} are trained (each has a gradient, and the optimizer updates them);
 * {@link #buffers()} are not (batch normalisation's running statistics). Both are saved in checkpoints and
 * restored exactly, by copying into their arrays.
 */
public interface Layer {
    int nin();

    int nout();

    /** The trainable parameters, in the order they are reported and updated (weights before biases). */
    List<Parameter> parameters();

    /**
     * The layer's non-trainable state, in the order checkpoints and {@code nn inspect} list it; none by default.
     * Contract: only a forward with {@code training} true may change a buffer (evaluation, {@code nn grad} and
     * predictions leave it as it is); its values depend only on the batches seen since it was made or restored, so a
     * resumed run continues bit for bit; the layer reads its buffers' {@link Buffer#data()} arrays themselves, which
     * a checkpoint restore overwrites in place. No gradient flows into a buffer, so the optimizer, gradient clipping,
     * {@code nn grad} and parameter counts leave buffers out.
     */
    default List<Buffer> buffers() {
        return List.of();
    }

    /** The activation applied to this layer's output, or null when the layer has none to report. */
    default String activationName() {
        return null;
    }

    /**
     * For explanations ({@code nn grad --explain}): when this layer computes out = f(x·Wᵀ + b) from its parameters
     * {@code weight} (nout × nin) and optionally {@code bias} (nout), its f; null for any other kind of layer.
     */
    default Activation activation() {
        return null;
    }

    /**
     * The fewest rows a training batch may have (a forward with {@code training} true): 1 by default, 2 for a layer
     * that normalises by a batch's variance (batch_norm; PyTorch: "Expected more than 1 value per channel when
     * training"). The trainer refuses, before the first step, a {@code training.batch_size} that would give a smaller
     * batch, the last batch of an epoch included; a layer given one anyway must not fail or leave non-finite state.
     */
    default int minTrainingBatch() {
        return 1;
    }

    /** Prepares scratch arrays for batches of up to maxBatch samples. Called before forward with a larger batch. */
    void allocate(int maxBatch);

    /**
     * out = layer(x) for n samples. x not modified; out modified.
     *
     * @param training true while training (dropout active, batch statistics used and running statistics updated);
     *                 false for evaluation, predictions and {@code nn grad}
     */
    void forward(double[] x, double[] out, int n, boolean training);

    /**
     * Given dout = ∂L/∂out (n × nout), adds ∂L/∂θ to each parameter's grad and writes dx = ∂L/∂x (n × nin) when dx
     * is not null. x and out as the last forward saw and left them; dout may be overwritten.
     */
    void backward(double[] x, double[] out, double[] dout, double[] dx, int n);

    /**
     * The float32 forward ({@code dtype: float32}); same contract as {@link #forward(double[], double[], int, boolean)}.
     * A layer with parameters reads {@link Parameter#data32()}. The default widens x, runs the float64 forward and
     * rounds out to float32: correct for any layer (its own arithmetic then stays float64), slower than a native
     * float32 path by the conversions.
     */
    default void forward(float[] x, float[] out, int n, boolean training) {
        double[] out64 = Widening.scratch(1, n * nout());
        forward(Widening.widen(x, n * nin(), 0), out64, n, training);
        Widening.narrow(out64, out, n * nout());
    }

    /**
     * The float32 backward; same contract as {@link #backward(double[], double[], double[], double[], int)}. A layer
     * with parameters adds to {@link Parameter#grad32()} (or to {@link Parameter#grad()}: the network adds the one to
     * the other after every backward). The default widens, runs the float64 backward and rounds dx.
     */
    default void backward(float[] x, float[] out, float[] dout, float[] dx, int n) {
        double[] dx64 = dx == null ? null : Widening.scratch(3, n * nin());
        backward(Widening.widen(x, n * nin(), 0), Widening.widen(out, n * nout(), 1), Widening.widen(dout, n * nout(), 2), dx64, n);
        Widening.narrow(dx64, dx, n * nin());
    }

    /**
     * A layer out = f(z), f the activation named {@link #activationName()}, that lets a loss fused with f
     * ({@link Loss#fusedWith}) work on z itself: when it is the last layer, the network computes the loss from
     * {@link #z()} and starts backward at ∂L/∂z with {@link #backwardFromZ}, so f's backward (whose factors underflow
     * where f(z) rounds to 0 or 1) never runs. Its forward is unchanged: out is still f(z).
     */
    interface Fusable extends Layer {
        /** The pre-activation z of the last float64 forward, n × nout valid values; a buffer of the layer, not to be modified. */
        double[] z();

        /** The pre-activation z of the last float32 forward; a buffer of the layer, not to be modified. */
        float[] z32();

        /**
         * {@link #backward(double[], double[], double[], double[], int)} given dz = ∂L/∂z (n × nout) in place of
         * ∂L/∂out: adds ∂L/∂θ to each parameter's grad and writes dx when not null. x as the last forward saw it;
         * dz may be overwritten.
         */
        void backwardFromZ(double[] x, double[] dz, double[] dx, int n);

        /** The float32 twin of {@link #backwardFromZ(double[], double[], double[], int)}, as the float32 backward adds. */
        void backwardFromZ(float[] x, float[] dz, float[] dx, int n);
    }
}
