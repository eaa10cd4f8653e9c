package dev.nn.example;

import java.util.List;
import java.util.Map;
import nn.core.spi.Optimizer;
import nn.core.spi.OptimizerProvider;
import nn.core.spi.OptimizerState;
import nn.core.spi.Param;
import nn.core.spi.Parameter;
import nn.core.spi.Params;

/**
 * Lion, "EvoLved Sign Momentum" (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms"), as the
 * {@code lion-pytorch} package's {@code update_fn} computes it, for each parameter θ with gradient g and momentum m
 * (zero at first):
 * <pre>
 *   θ = θ·(1 − lr·λ)                  decoupled weight decay (λ = weight_decay), as AdamW's
 *   c = β1·m + (1 − β1)·g             the interpolation the update takes the sign of
 *   θ = θ − lr·sign(c)                sign(0) = 0: an element whose c is 0 does not move
 *   m = β2·m + (1 − β2)·g             the momentum, with the slower β2
 * </pre>
 * Every element moves by exactly lr (plus the decay) per step, so Lion wants a learning rate 3–10× smaller than
 * Adam's, and a weight decay as much larger. YAML: {@code optimizer: {type: lion, learning_rate: 0.0003}}.
 */
public final class LionProvider implements OptimizerProvider {
    @Override
    public String name() {
        return "lion";
    }

    @Override
    public String doc() {
        return "θ = θ·(1 − lr·λ) − lr·sign(β1·m + (1 − β1)·g), then m = β2·m + (1 − β2)·g (Chen et al. 2023; lion-pytorch)";
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.real("learning_rate", 1e-4, "step size lr > 0: every element moves by lr a step"),
                Param.real("beta1", 0.9, "weight β1 of the momentum in the update's direction, in [0, 1]"),
                Param.real("beta2", 0.99, "decay β2 of the momentum, in [0, 1]"),
                Param.real("weight_decay", 0.0, "decoupled weight decay λ ≥ 0: θ·(1 − lr·λ) before each update"));
    }

    @Override
    public Optimizer create(Params p, List<Parameter> params) {
        return new Lion(p.realAbove("learning_rate", 0.0, Double.POSITIVE_INFINITY), p.real("beta1", 0.0, 1.0),
                p.real("beta2", 0.0, 1.0), p.real("weight_decay", 0.0, Double.POSITIVE_INFINITY), params);
    }

    /**
     * The update of a fixed list of parameters. Its state, {@code step} and one {@code exp_avg} (m) per parameter, lives
     * in {@link OptimizerState}'s arrays, which a checkpoint saves and a resume copies back: the only state there is.
     */
    static final class Lion implements Optimizer {
        private final double lr, beta1, beta2, weightDecay;
        private final List<Parameter> params;
        private final OptimizerState state;
        private final double[] step;
        private final double[][] expAvg;

        Lion(double lr, double beta1, double beta2, double weightDecay, List<Parameter> params) {
            this.lr = lr;
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.weightDecay = weightDecay;
            this.params = params;
            state = new OptimizerState(params, List.of("exp_avg"));
            step = state.step();
            expAvg = state.slot("exp_avg");
        }

        @Override
        public double learningRate() {
            return lr;
        }

        /** One update of every θ from its g with the scheduled lr (class doc); g not modified; θ, m, step modified. */
        @Override
        public void step(double lr) {
            step[0]++;
            double decay = 1.0 - lr * weightDecay;
            for (int k = 0; k < params.size(); k++) {
                double[] theta = params.get(k).data(), g = params.get(k).grad(), m = expAvg[k];
                for (int i = 0; i < theta.length; i++) {
                    if (weightDecay != 0) theta[i] *= decay;
                    double c = m[i] * beta1 + (1.0 - beta1) * g[i];
                    theta[i] -= lr * Math.signum(c);
                    m[i] = m[i] * beta2 + (1.0 - beta2) * g[i];
                }
            }
        }

        @Override
        public Map<String, double[]> state() {
            return state.map();
        }

        @Override
        public String toString() {
            return "lion(lr=" + lr + ", beta1=" + beta1 + ", beta2=" + beta2 + ", weight_decay=" + weightDecay + ")";
        }
    }
}
