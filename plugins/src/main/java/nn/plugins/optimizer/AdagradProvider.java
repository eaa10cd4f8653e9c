package nn.plugins.optimizer;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import nn.core.spi.Optimizer;
import nn.core.spi.OptimizerState;
import nn.core.spi.OptimizerProvider;
import nn.core.spi.Param;
import nn.core.spi.Parameter;
import nn.core.spi.Params;

/**
 * Adagrad as torch.optim.Adagrad ({@code _single_tensor_adagrad}, dense gradients), at step t = 1, 2, …:
 * <pre>
 *   g = ∇θ + λθ                          (only when λ = weight_decay ≠ 0)
 *   clr = lr / (1 + (t − 1)·lr_decay)
 *   s = s + g·g                          (s starts at initial_accumulator_value)
 *   θ = θ − clr·g / (√s + ε)
 * </pre>
 * Each line is evaluated in the order of the scalar ATen CPU kernels that torch calls.
 */
public final class AdagradProvider implements OptimizerProvider {
    @Override
    public String name() {
        return "adagrad";
    }

    @Override
    public String doc() {
        return "θ -= lr/(1+(t-1)·lr_decay) · g / (√s + ε), s = sum of g² (torch.optim.Adagrad)";
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.real("learning_rate", 0.01, "step size lr > 0 (torch's lr)"),
                Param.real("lr_decay", 0.0, "lr at step t is lr / (1 + (t-1)·lr_decay)"),
                Param.real("weight_decay", 0.0, "L2 penalty λ, added to the gradient"),
                Param.real("initial_accumulator_value", 0.0, "starting value of the sum of squared gradients"),
                Param.real("eps", 1e-10, "ε added to the denominator"));
    }

    @Override
    public Optimizer create(Params p, List<Parameter> params) {
        return new Adagrad(
                p.realAbove("learning_rate", 0.0, Double.POSITIVE_INFINITY),
                p.real("lr_decay", 0.0, Double.POSITIVE_INFINITY),
                p.real("weight_decay", 0.0, Double.POSITIVE_INFINITY),
                p.real("initial_accumulator_value", 0.0, Double.POSITIVE_INFINITY),
                p.real("eps", 0.0, Double.POSITIVE_INFINITY),
                params);
    }

    static final class Adagrad implements Optimizer {
        private final double lr, lrDecay, weightDecay, initialAccumulatorValue, eps;
        private final List<Parameter> params;
        private final double[][] sum;
        private final double[] step;
        private final OptimizerState state;

        Adagrad(double lr, double lrDecay, double weightDecay, double initialAccumulatorValue, double eps, List<Parameter> params) {
            this.lr = lr;
            this.lrDecay = lrDecay;
            this.weightDecay = weightDecay;
            this.initialAccumulatorValue = initialAccumulatorValue;
            this.eps = eps;
            this.params = params;
            state = new OptimizerState(params, List.of("sum"));
            step = state.step();
            sum = state.slot("sum");
            for (double[] s : sum) Arrays.fill(s, initialAccumulatorValue);
        }

        @Override
        public double learningRate() {
            return lr;
        }

        /** θ updated from its grad with learning rate lr; grad not modified; step and s advanced. */
        @Override
        public void step(double lr) {
            double t = ++step[0];
            double clr = lr / (1 + (t - 1) * lrDecay);
            for (int pi = 0; pi < params.size(); pi++) {
                double[] th = params.get(pi).data(), gr = params.get(pi).grad(), s = sum[pi];
                for (int i = 0; i < th.length; i++) {
                    double g = gr[i];
                    if (weightDecay != 0) g = g + weightDecay * th[i];
                    s[i] = s[i] + g * g;
                    th[i] -= clr * g / (Math.sqrt(s[i]) + eps);
                }
            }
        }

        @Override
        public Map<String, double[]> state() {
            return state.map();
        }

        @Override
        public String toString() {
            return "adagrad(lr=" + lr + ", lr_decay=" + lrDecay + ", weight_decay=" + weightDecay
                    + ", initial_accumulator_value=" + initialAccumulatorValue + ", eps=" + eps + ")";
        }
    }
}
