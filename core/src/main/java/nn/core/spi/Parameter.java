package nn.core.spi;

import java.util.Arrays;

/**
 * A trainable tensor: its values and the gradient accumulated for them, both flat row-major float64 arrays of the
 * same length. {@code shape} is {out, in} for a weight matrix and {n} for a bias.
 *
 * <p>For float32 networks ({@code dtype: float32}) a layer computes with {@link #data32()}, the values rounded to
 * float32, and adds its gradient into {@link #grad32()}; the network refreshes the one from {@link #data()} before
 * each forward ({@link #narrow()}) and adds the other into {@link #grad()} after each backward
 * ({@link #widenGrad()}). The float64 arrays stay the master copy that optimizers update and checkpoints store.
 * The float32 arrays are made on first use, so float64 networks never hold them.
 */
public final class Parameter {
    private final String name;
    private final int[] shape;
    private final double[] data, grad;
    private float[] data32, grad32;

    /**
     * @param name  the short name within its layer ({@code weight}, {@code bias})
     * @param shape the dimensions
     * @param data  the values (modified by optimizers)
     * @param grad  the gradient (accumulated by backward, cleared by the trainer)
     */
    public Parameter(String name, int[] shape, double[] data, double[] grad) {
        if (data.length != size(shape) || grad.length != data.length) {
            throw new IllegalArgumentException(name + Arrays.toString(shape) + ": data " + data.length + ", grad " + grad.length);
        }
        this.name = name;
        this.shape = shape;
        this.data = data;
        this.grad = grad;
    }

    public Parameter(String name, int... shape) {
        this(name, shape, new double[fits(size(shape), shape)], new double[size(shape)]);
    }

    public String name() {
        return name;
    }

    public int[] shape() {
        return shape;
    }

    public double[] data() {
        return data;
    }

    public double[] grad() {
        return grad;
    }

    public int size() {
        return data.length;
    }

    /** The values rounded to float32, as of the last {@link #narrow()} (made and filled on first call). */
    public float[] data32() {
        if (data32 == null) {
            data32 = new float[data.length];
            narrow();
        }
        return data32;
    }

    /** The float32 gradient a float32 layer adds to; {@link #widenGrad()} moves it into {@link #grad()}. */
    public float[] grad32() {
        if (grad32 == null) grad32 = new float[data.length];
        return grad32;
    }

    /** data32[i] = (float) data[i], when a float32 copy exists. */
    public void narrow() {
        if (data32 == null) return;
        for (int i = 0; i < data.length; i++) data32[i] = (float) data[i];
    }

    /** grad[i] += grad32[i], then grad32[i] = 0, when a float32 gradient exists. */
    public void widenGrad() {
        if (grad32 == null) return;
        for (int i = 0; i < grad.length; i++) {
            grad[i] += grad32[i];
            grad32[i] = 0;
        }
    }

    /** The index label of flat element i, e.g. {@code [1,0]} for a matrix or {@code [3]} for a vector. */
    public String index(int i) {
        return index(shape, i);
    }

    /** The index label of flat element i of an array of this shape: {@code [1,0]} for a matrix, else the flat index, {@code [3]}. */
    public static String index(int[] shape, int i) {
        if (shape.length != 2) return "[" + i + "]";
        return "[" + (i / shape[1]) + "," + (i % shape[1]) + "]";
    }

    /** Clears the gradient (and its float32 part). */
    public void zeroGrad() {
        Arrays.fill(grad, 0.0);
        if (grad32 != null) Arrays.fill(grad32, 0f);
    }

    /** The element count of shape; more than one Java array holds is a bad-input error saying so. */
    private static int size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new nn.core.BadInputException("a parameter of shape " + java.util.Arrays.toString(shape) + ": negative size");
            n *= d;
            if (n > Integer.MAX_VALUE - 8) {
                throw new nn.core.BadInputException("a parameter of shape " + java.util.Arrays.toString(shape) + " has more elements than one"
                        + " array holds (at most " + (Integer.MAX_VALUE - 8) + ")");
            }
        }
        return (int) n;
    }

    /**
     * n, after checking that a value and a gradient of n float64s fit in the heap's free room: a network too large
     * for the heap is a bad-input error with the figures and the fix, before the allocation fails.
     */
    private static int fits(int n, int[] shape) {
        Runtime rt = Runtime.getRuntime();
        long room = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory()), need = 16L * n;
        if (need > room) {
            throw new nn.core.BadInputException(String.format(java.util.Locale.ROOT, "a parameter of shape %s needs %.1f GiB (its values and"
                    + " gradients), more than the %.1f GiB of heap left (give more: NN_JAVA_OPTS=-Xmx%dg ./nn ...; or make the layer smaller)",
                    Arrays.toString(shape), need / 1073741824.0, room / 1073741824.0, Math.max(2, (long) Math.ceil((need + rt.maxMemory()) / 1073741824.0))));
        }
        return n;
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
