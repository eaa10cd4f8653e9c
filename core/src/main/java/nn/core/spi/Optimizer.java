package nn.core.spi;

import java.util.Map;

/**
 * Updates a fixed list of parameters (given at creation) from their gradients, one step at a time, as
 * {@code torch.optim} defines the algorithm. All state lives in the arrays returned by {@link #state()}, so
 * that a checkpoint can save and restore it exactly.
 */
public interface Optimizer {
    /** The configured learning rate (before any schedule). */
    double learningRate();

    /** One update of every parameter's data from its grad, with learning rate lr. grads not modified. */
    void step(double lr);

    /**
     * The live state arrays by name (e.g. {@code step}, {@code 0.exp_avg}); restoring copies saved values into
     * them. Empty for stateless optimizers.
     */
    Map<String, double[]> state();
}
