package nn.core.spi;

import java.util.List;

/**
 * One layer of a feed-forward network, working on a batch of {@code n} samples at a time. Inputs are
 * {@code n × nin()} and outputs {@code n × nout()}, row-major. Buffers a layer needs between forward and
 * backward are allocated once by {@link #allocate(int)}; forward and backward allocate nothing.
 */
public interface Layer {
    int nin();

    int nout();

    /** The trainable parameters, in the order they are reported and updated (weights before biases). */
    List<Parameter> parameters();

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

    /** Prepares buffers for batches of up to maxBatch samples. Called before forward with a larger batch. */
    void allocate(int maxBatch);

    /**
     * out = layer(x) for n samples. x not modified; out modified.
     *
     * @param training true while training (dropout active); false for evaluation and gradients
     */
    void forward(double[] x, double[] out, int n, boolean training);

    /**
     * Given dout = ∂L/∂out (n × nout), adds ∂L/∂θ to each parameter's grad and writes dx = ∂L/∂x (n × nin) when dx
     * is not null. x and out as the last forward saw and left them; dout may be overwritten.
     */
    void backward(double[] x, double[] out, double[] dout, double[] dx, int n);
}
