package nn.core.spi;

import java.util.Arrays;

/**
 * A layer's state that is not trained: values its forward pass keeps between batches (batch normalisation's
 * running mean and variance), as PyTorch's {@code register_buffer}. A flat row-major float64 array of the given
 * shape and nothing else: no gradient, so optimizers, gradient clipping, {@code nn grad} and parameter counts never
 * see it. The network names it {@code layers.i.NAME}; checkpoints store it as {@code buffer/layers.i.NAME} and
 * restore it exactly, by copying into {@link #data()} (so a layer reads its buffers through this array, never
 * through a copy of its own).
 *
 * <p>Why not a {@link Parameter} without a gradient: a separate type keeps the rule "the optimizer updates what
 * {@link Layer#parameters()} lists" free of exceptions, and costs no gradient array; float32 networks keep their
 * buffers in float64 too (running statistics are averages over many batches, where float64 loses nothing).
 */
public final class Buffer {
    private final String name;
    private final int[] shape;
    private final double[] data;

    /**
     * @param name  the short name within its layer ({@code running_mean})
     * @param value the initial value of every element
     * @param shape the dimensions
     */
    public Buffer(String name, double value, int... shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException(name + Arrays.toString(shape) + ": negative size");
            n *= d;
            if (n > Integer.MAX_VALUE - 8) throw new nn.core.BadInputException("a buffer of shape " + Arrays.toString(shape) + " has more elements than one array holds");
        }
        this.name = name;
        this.shape = shape.clone();
        this.data = new double[(int) n];
        Arrays.fill(data, value);
    }

    public String name() {
        return name;
    }

    public int[] shape() {
        return shape.clone();
    }

    /** The values: modified by the layer's training forward, and by checkpoint restores. */
    public double[] data() {
        return data;
    }

    public int size() {
        return data.length;
    }

    /** The index label of flat element i: {@code [1,0]} for a matrix, else the flat index, {@code [3]}. */
    public String index(int i) {
        return Parameter.index(shape, i);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
