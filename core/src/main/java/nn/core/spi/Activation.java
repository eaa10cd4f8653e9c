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

    /**
     * The float32 forward ({@code dtype: float32}). The default widens z, runs the float64 forward and rounds once:
     * as accurate as float32 allows (within half an ulp of the exact value), so most activations need nothing more.
     */
    default void forward(float[] z, float[] out, int rows, int cols) {
        int n = rows * cols;
        double[] out64 = Widening.scratch(5, n);
        forward(Widening.widen(z, n, 4), out64, rows, cols);
        Widening.narrow(out64, out, n);
    }

    /** The float32 backward; dz may be the same array as dout. The default widens, runs float64 and rounds once. */
    default void backward(float[] z, float[] out, float[] dout, float[] dz, int rows, int cols) {
        int n = rows * cols;
        double[] d64 = Widening.widen(dout, n, 6);
        backward(Widening.widen(z, n, 4), Widening.widen(out, n, 5), d64, d64, rows, cols);
        Widening.narrow(d64, dz, n);
    }
}
