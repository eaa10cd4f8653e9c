package nn.core.spi;

/**
 * An activation function applied to a whole batch at a time: {@code z} and {@code out} hold {@code rows × cols}
 * values row-major (one row per sample). Element-wise functions ignore the row structure; softmax uses it.
 * Implementations are stateless and allocate nothing.
 */
public interface Activation {
    /** out[i] = f(z)[i] for i in [0, rows·cols). z not modified; out modified. */
    void forward(double[] z, double[] out, int rows, int cols);

    /**
     * dz = (∂f/∂z)ᵀ · dout, row by row. z, out (= f(z), as forward left it) and dout not modified; dz modified.
     * dz may be the same array as dout.
     */
    void backward(double[] z, double[] out, double[] dout, double[] dz, int rows, int cols);
}
