package nn.plugins.optimizer;

import java.util.List;
import nn.core.spi.Optimizer;
import nn.core.spi.OptimizerProvider;
import nn.core.spi.Param;
import nn.core.spi.Parameter;
import nn.core.spi.Params;

/**
 * AdamW as torch.optim.AdamW: decoupled weight decay θ = θ·(1 − lr·λ), then the {@link AdamProvider Adam} update
 * with the raw gradient g = ∇θ:
 * <pre>
 *   θ = θ·(1 − lr·λ)
 *   m = m + (1 − β1)·(g − m),  v = v·β2 + (1 − β2)·g·g,  v̂ = max(v̂, v) with amsgrad, else v
 *   θ = θ − (lr / (1 − β1^t))·m / (√v̂ / √(1 − β2^t) + ε)
 * </pre>
 */
public final class AdamWProvider implements OptimizerProvider {
    @Override
    public String name() {
        return "adamw";
    }

    @Override
    public String doc() {
        return "θ *= 1 - lr·weight_decay, then θ -= lr/(1-β1^t)·m / (√v/√(1-β2^t) + ε) with g = ∇θ (torch.optim.AdamW)";
    }

    @Override
    public List<Param> params() {
        return AdamProvider.params(Param.real("weight_decay", 0.01, "decoupled decay λ: θ *= 1 - lr·λ each step"));
    }

    @Override
    public Optimizer create(Params p, List<Parameter> params) {
        AdamProvider.Adam adam = AdamProvider.fromParams(name(), true, p, params);
        double lr = p.real("learning_rate"), weightDecay = p.real("weight_decay");
        if (lr * weightDecay >= 1) {
            throw p.invalid("weight_decay", "learning_rate·weight_decay = " + lr + "·" + weightDecay + " = " + lr * weightDecay
                    + " must be below 1, else θ·(1 - lr·weight_decay) zeroes or flips the weights every step");
        }
        return adam;
    }
}
