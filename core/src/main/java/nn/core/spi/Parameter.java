package nn.core.spi;

import java.util.Arrays;

/**
 * A trainable tensor: its values and the gradient accumulated for them, both flat row-major arrays of the
 * same length. {@code shape} is {out, in} for a weight matrix and {n} for a bias.
 *
 * @param name  the short name within its layer ({@code weight}, {@code bias})
 * @param shape the dimensions
 * @param data  the values (modified by optimizers)
 * @param grad  the gradient (accumulated by backward, cleared by the trainer)
 */
public record Parameter(String name, int[] shape, double[] data, double[] grad) {
    public Parameter(String name, int... shape) {
        this(name, shape, new double[size(shape)], new double[size(shape)]);
    }

    public int size() {
        return data.length;
    }

    /** The index label of flat element i, e.g. {@code [1,0]} for a matrix or {@code [3]} for a vector. */
    public String index(int i) {
        if (shape.length == 1) return "[" + i + "]";
        int cols = shape[1];
        return "[" + (i / cols) + "," + (i % cols) + "]";
    }

    public void zeroGrad() {
        Arrays.fill(grad, 0.0);
    }

    private static int size(int[] shape) {
        int n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
