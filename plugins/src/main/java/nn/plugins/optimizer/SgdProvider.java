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
 * Stochastic gradient descent as torch.optim.SGD: g = ∇θ + λθ; with momentum μ, b = g on the first step, else
 * b = μb + (1 − τ)g, and g = g + μb (nesterov) or g = b; then θ = θ − lr·g.
 */
public final class SgdProvider implements OptimizerProvider {
    @Override
    public String name() {
        return "sgd";
    }

    @Override
    public String doc() {
        return "θ -= lr·g, g = ∇θ + weight_decay·θ, with optional (nesterov) momentum and dampening (torch.optim.SGD)";
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.real("learning_rate", 0.001, "step size lr > 0 (torch's lr)"),
                Param.real("momentum", 0.0, "momentum factor μ"),
                Param.real("dampening", 0.0, "dampening τ for momentum"),
                Param.bool("nesterov", false, "use Nesterov momentum"),
                Param.real("weight_decay", 0.0, "L2 penalty λ"));
    }

    @Override
    public Optimizer create(Params p, List<Parameter> params) {
        double lr = p.realAbove("learning_rate", 0.0, Double.POSITIVE_INFINITY);
        double momentum = p.real("momentum", 0.0, Double.POSITIVE_INFINITY);
        double dampening = p.real("dampening", 0.0, 1.0);
        boolean nesterov = p.bool("nesterov");
        if (nesterov && (momentum <= 0 || dampening != 0)) throw p.invalid("nesterov", "nesterov needs momentum > 0 and dampening = 0");
        return new Sgd(lr, momentum, dampening, nesterov, p.real("weight_decay", 0.0, Double.POSITIVE_INFINITY), params);
    }

    static final class Sgd implements Optimizer {
        private final double lr, momentum, dampening, weightDecay;
        private final boolean nesterov;
        private final List<Parameter> params;
        private final double[][] buf;
        private final double[] step;
        private final OptimizerState state;

        Sgd(double lr, double momentum, double dampening, boolean nesterov, double weightDecay, List<Parameter> params) {
            this.lr = lr;
            this.momentum = momentum;
            this.dampening = dampening;
            this.nesterov = nesterov;
            this.weightDecay = weightDecay;
            this.params = params;
            state = new OptimizerState(params, momentum != 0 ? List.of("momentum_buffer") : List.of());
            step = state.step();
            buf = state.slot("momentum_buffer");
        }

        @Override
        public double learningRate() {
            return lr;
        }

        @Override
        public void step(double lr) {
            boolean first = step[0] == 0;
            for (int pi = 0; pi < params.size(); pi++) {
                double[] th = params.get(pi).data(), gr = params.get(pi).grad(), b = buf[pi];
                for (int i = 0; i < th.length; i++) {
                    double g = gr[i];
                    if (weightDecay != 0) g = g + weightDecay * th[i]; // as torch: no 0·θ term (NaN for θ = ±inf)
                    if (momentum != 0) {
                        b[i] = first ? g : momentum * b[i] + (1 - dampening) * g;
                        g = nesterov ? g + momentum * b[i] : b[i];
                    }
                    th[i] -= lr * g;
                }
            }
            step[0]++;
        }

        @Override
        public Map<String, double[]> state() {
            return state.map();
        }

        @Override
        public String toString() {
            return "sgd(lr=" + lr + ", momentum=" + momentum + ", dampening=" + dampening + ", nesterov=" + nesterov
                    + ", weight_decay=" + weightDecay + ")";
        }
    }
}
