package nn.plugins.optimizer;

import java.util.List;
import java.util.Map;
import nn.core.spi.Optimizer;
import nn.core.spi.OptimizerState;
import nn.core.spi.OptimizerProvider;
import nn.core.spi.Param;
import nn.core.spi.Parameter;
import nn.core.spi.Params;

/**
 * Adam as torch.optim.Adam ({@code _single_tensor_adam}), at step t = 1, 2, …:
 * <pre>
 *   g = ∇θ + λθ                                  (only when λ = weight_decay ≠ 0)
 *   m = m + (1 − β1)·(g − m)                     (torch: exp_avg.lerp_(g, 1 − β1))
 *   v = v·β2 + (1 − β2)·g·g
 *   v̂ = max(v̂, v) with amsgrad, else v̂ = v
 *   θ = θ − (lr / (1 − β1^t))·m / (√v̂ / √(1 − β2^t) + ε)
 * </pre>
 * Each line is evaluated in the order of the scalar ATen CPU kernels that torch calls, so that a parameter updated
 * here and by torch's per-element (non-vectorised) loop agrees to the last bit. {@link AdamWProvider} reuses this
 * update with decoupled weight decay, as torch.optim.AdamW does.
 */
public final class AdamProvider implements OptimizerProvider {
    @Override
    public String name() {
        return "adam";
    }

    @Override
    public String doc() {
        return "θ -= lr/(1-β1^t)·m / (√v/√(1-β2^t) + ε), m, v running means of g and g², g = ∇θ + weight_decay·θ (torch.optim.Adam)";
    }

    @Override
    public List<Param> params() {
        return params(Param.real("weight_decay", 0.0, "L2 penalty λ, added to the gradient"));
    }

    /** The parameters of adam and adamw, which differ only in their weight decay. */
    static List<Param> params(Param weightDecay) {
        return List.of(
                Param.real("learning_rate", 0.001, "step size lr > 0 (torch's lr)"),
                Param.real("beta1", 0.9, "decay β1 of the running mean of gradients, in [0, 1)"),
                Param.real("beta2", 0.999, "decay β2 of the running mean of squared gradients, in [0, 1)"),
                Param.real("eps", 1e-8, "ε added to the denominator"),
                weightDecay,
                Param.bool("amsgrad", false, "divide by the largest v so far (AMSGrad)"));
    }

    @Override
    public Optimizer create(Params p, List<Parameter> params) {
        return fromParams(name(), false, p, params);
    }

    /** Reads and checks the parameters shared by adam and adamw. */
    static Adam fromParams(String name, boolean decoupled, Params p, List<Parameter> params) {
        double lr = p.realAbove("learning_rate", 0.0, Double.POSITIVE_INFINITY);
        double beta1 = beta(p, "beta1");
        double beta2 = beta(p, "beta2");
        double eps = p.real("eps", 0.0, Double.POSITIVE_INFINITY);
        double weightDecay = p.real("weight_decay", 0.0, Double.POSITIVE_INFINITY);
        return new Adam(name, lr, beta1, beta2, eps, weightDecay, decoupled, p.bool("amsgrad"), params);
    }

    private static double beta(Params p, String name) {
        double beta = p.real(name, 0.0, 1.0);
        if (beta == 1.0) throw p.invalid(name, "expected a number in [0, 1): at 1 the bias correction 1 - " + name + "^t is 0");
        return beta;
    }

    /** The Adam update; with {@code decoupled}, weight decay is θ = θ·(1 − lr·λ) before it (AdamW) instead of g + λθ. */
    static final class Adam implements Optimizer {
        private final String name;
        private final double lr, beta1, beta2, eps, weightDecay;
        private final boolean decoupled, amsgrad;
        private final List<Parameter> params;
        private final double[][] expAvg, expAvgSq, maxExpAvgSq;
        private final double[] step;
        private final OptimizerState state;

        Adam(String name, double lr, double beta1, double beta2, double eps, double weightDecay, boolean decoupled,
                boolean amsgrad, List<Parameter> params) {
            this.name = name;
            this.lr = lr;
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.eps = eps;
            this.weightDecay = weightDecay;
            this.decoupled = decoupled;
            this.amsgrad = amsgrad;
            this.params = params;
            state = new OptimizerState(params, amsgrad ? List.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq") : List.of("exp_avg", "exp_avg_sq"));
            step = state.step();
            expAvg = state.slot("exp_avg");
            expAvgSq = state.slot("exp_avg_sq");
            maxExpAvgSq = state.slot("max_exp_avg_sq");
        }

        @Override
        public double learningRate() {
            return lr;
        }

        /** θ updated from its grad with learning rate lr; grad not modified; step, m, v (and v̂) advanced. */
        @Override
        public void step(double lr) {
            double t = ++step[0];
            // Python floats in torch: the bias corrections, step size and decay factor are scalars.
            double biasCorrection1 = 1 - StrictMath.pow(beta1, t);
            double biasCorrection2 = 1 - StrictMath.pow(beta2, t);
            double stepSize = lr / biasCorrection1;
            double biasCorrection2Sqrt = Math.sqrt(biasCorrection2);
            double decay = 1 - lr * weightDecay;
            double w1 = 1 - beta1, w2 = 1 - beta2;
            for (int pi = 0; pi < params.size(); pi++) {
                double[] th = params.get(pi).data(), gr = params.get(pi).grad();
                double[] m = expAvg[pi], v = expAvgSq[pi], vMax = maxExpAvgSq[pi];
                for (int i = 0; i < th.length; i++) {
                    double g = gr[i];
                    if (weightDecay != 0) {
                        if (decoupled) th[i] *= decay;
                        else g = g + weightDecay * th[i];
                    }
                    m[i] = lerp(m[i], g, w1);
                    v[i] = v[i] * beta2 + w2 * g * g;
                    double denom;
                    if (amsgrad) {
                        vMax[i] = Math.max(vMax[i], v[i]);
                        denom = Math.sqrt(vMax[i]) / biasCorrection2Sqrt + eps;
                    } else {
                        denom = Math.sqrt(v[i]) / biasCorrection2Sqrt + eps;
                    }
                    th[i] -= stepSize * m[i] / denom;
                }
            }
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
            return name + "(lr=" + lr + ", beta1=" + beta1 + ", beta2=" + beta2 + ", eps=" + eps + ", weight_decay="
                    + weightDecay + ", amsgrad=" + amsgrad + ")";
        }
    }
}
