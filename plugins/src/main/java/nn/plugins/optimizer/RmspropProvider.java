package nn.plugins.optimizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nn.core.spi.Optimizer;
import nn.core.spi.OptimizerState;
import nn.core.spi.OptimizerProvider;
import nn.core.spi.Param;
import nn.core.spi.Parameter;
import nn.core.spi.Params;

/**
 * RMSprop as torch.optim.RMSprop ({@code _single_tensor_rmsprop}):
 * <pre>
 *   g = ∇θ + λθ                                  (only when λ = weight_decay ≠ 0)
 *   s = s·α + (1 − α)·g·g
 *   centered: a = a + (1 − α)·(g − a),  d = √(s − a·a) + ε      (torch: grad_avg.lerp_(g, 1 − α))
 *   else:     d = √s + ε
 *   momentum μ > 0: b = b·μ + g/d,  θ = θ − lr·b
 *   else:           θ = θ − lr·g/d
 * </pre>
 * Each line is evaluated in the order of the scalar ATen CPU kernels that torch calls.
 */
public final class RmspropProvider implements OptimizerProvider {
    @Override
    public String name() {
        return "rmsprop";
    }

    @Override
    public String doc() {
        return "θ -= lr·g / (√s + ε), s = α·s + (1-α)·g², optionally centered and with momentum (torch.optim.RMSprop)";
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.real("learning_rate", 0.01, "step size lr > 0 (torch's lr)"),
                Param.real("alpha", 0.99, "decay α of the running mean of squared gradients, in [0, 1]"),
                Param.real("eps", 1e-8, "ε added to the denominator"),
                Param.real("weight_decay", 0.0, "L2 penalty λ, added to the gradient"),
                Param.real("momentum", 0.0, "momentum factor μ"),
                Param.bool("centered", false, "divide by the running variance of g instead of its mean square"));
    }

    @Override
    public Optimizer create(Params p, List<Parameter> params) {
        return new Rmsprop(
                p.realAbove("learning_rate", 0.0, Double.POSITIVE_INFINITY),
                p.real("alpha", 0.0, 1.0),
                p.real("eps", 0.0, Double.POSITIVE_INFINITY),
                p.real("weight_decay", 0.0, Double.POSITIVE_INFINITY),
                p.real("momentum", 0.0, Double.POSITIVE_INFINITY),
                p.bool("centered"),
                params);
    }

    static final class Rmsprop implements Optimizer {
        private final double lr, alpha, eps, weightDecay, momentum;
        private final boolean centered;
        private final List<Parameter> params;
        private final double[][] squareAvg, gradAvg, buf;
        private final double[] step;
        private final OptimizerState state;

        Rmsprop(double lr, double alpha, double eps, double weightDecay, double momentum, boolean centered, List<Parameter> params) {
            this.lr = lr;
            this.alpha = alpha;
            this.eps = eps;
            this.weightDecay = weightDecay;
            this.momentum = momentum;
            this.centered = centered;
            this.params = params;
            List<String> names = new ArrayList<>(List.of("square_avg"));
            if (momentum > 0) names.add("momentum_buffer");
            if (centered) names.add("grad_avg");
            state = new OptimizerState(params, names);
            step = state.step();
            squareAvg = state.slot("square_avg");
            buf = state.slot("momentum_buffer");
            gradAvg = state.slot("grad_avg");
        }

        @Override
        public double learningRate() {
            return lr;
        }

        /** θ updated from its grad with learning rate lr; grad not modified; step, s (and a, b) advanced. */
        @Override
        public void step(double lr) {
            double w = 1 - alpha;
            for (int pi = 0; pi < params.size(); pi++) {
                double[] th = params.get(pi).data(), gr = params.get(pi).grad();
                double[] s = squareAvg[pi], a = gradAvg[pi], b = buf[pi];
                for (int i = 0; i < th.length; i++) {
                    double g = gr[i];
                    if (weightDecay != 0) g = g + weightDecay * th[i];
                    s[i] = s[i] * alpha + w * g * g;
                    double avg;
                    if (centered) {
                        a[i] = lerp(a[i], g, w);
                        avg = Math.sqrt(s[i] - a[i] * a[i]) + eps;
                    } else {
                        avg = Math.sqrt(s[i]) + eps;
                    }
                    if (momentum > 0) {
                        b[i] = b[i] * momentum + g / avg;
                        th[i] -= lr * b[i];
                    } else {
                        th[i] -= lr * g / avg;
                    }
                }
            }
            step[0]++;
        }

        /** torch.lerp(a, b, w) as ATen's scalar kernel computes it (two forms, for accuracy near w = 0 and w = 1). */
        private static double lerp(double a, double b, double w) {
            return Math.abs(w) < 0.5 ? a + w * (b - a) : b - (b - a) * (1 - w);
        }

        @Override
        public Map<String, double[]> state() {
            return state.map();
        }

        @Override
        public String toString() {
            return "rmsprop(lr=" + lr + ", alpha=" + alpha + ", eps=" + eps + ", weight_decay=" + weightDecay
                    + ", momentum=" + momentum + ", centered=" + centered + ")";
        }
    }
}
