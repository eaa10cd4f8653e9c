package nn.core.spi;

/**
 * A loss over a batch: predictions {@code y} and targets {@code t}, each {@code rows × cols} row-major.
 * Each implementation documents its reduction (PyTorch's: a mean over all elements or over the batch).
 */
public interface Loss {
    /** The reduced loss. y and t not modified. */
    double value(double[] y, double[] t, int rows, int cols);

    /** dy[i] = ∂value/∂y[i]. y and t not modified; dy modified. */
    void gradient(double[] y, double[] t, double[] dy, int rows, int cols);
}
