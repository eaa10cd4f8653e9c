package nn.core.spi;

import nn.core.tensor.Rng;

/** Fills a parameter tensor from a seeded generator. */
public interface Initializer {
    /**
     * Fills w[0..w.length) for a tensor whose layer has the given fan-in and fan-out (PyTorch's
     * {@code _calculate_fan_in_and_fan_out}: for a weight matrix out×in, fan_in = in, fan_out = out).
     * Draws from rng in index order. w modified.
     */
    void fill(double[] w, int fanIn, int fanOut, Rng rng);
}
