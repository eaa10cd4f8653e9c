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

    /**
     * The total weight of the rows {@link #value} averages over: rows for a plain mean (the default); for a weighted
     * mean, the rows' weights summed (Σ_b w_{c_b} with class weights). Data-parallel training (training.shards) adds
     * the shards' gradients in proportion to it, so that together they are the gradient of the whole batch's mean.
     */
    default double weight(double[] t, int rows, int cols) {
        return rows;
    }

    /**
     * This loss after the output activation named {@code activation}, as one loss of that activation's input z:
     * the returned loss's value(z, t) = value(f(z), t) and its gradient is ∂/∂z, both computed without forming f(z)
     * (as PyTorch's CrossEntropyLoss works on logits, and BCEWithLogitsLoss), so that they stay finite and accurate
     * where f(z) rounds to exactly 0 or 1. A network whose last layer exposes z ({@link Layer.Fusable}) then computes
     * the loss from z and starts backward at ∂L/∂z, never running f's own backward; its output stays f(z).
     *
     * <p>Null (the default) when this loss has no fused form for that activation: the loss then works on f(z).
     */
    default Loss fusedWith(String activation) {
        return null;
    }
}
