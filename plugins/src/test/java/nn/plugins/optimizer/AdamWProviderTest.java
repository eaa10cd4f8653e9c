package nn.plugins.optimizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import nn.core.spi.Optimizer;
import nn.core.spi.OptimizerProvider;
import nn.core.spi.Parameter;
import nn.core.config.Yaml;
import nn.core.train.Plugins;
import nn.core.train.Registry;
import org.junit.jupiter.api.Test;

/**
 * torch.optim.AdamW at step t: θ = θ·(1 − lr·λ), then with the raw g = ∇θ: m = m + (1 − β1)·(g − m),
 * v = v·β2 + (1 − β2)·g·g, v̂ = max(v̂, v) (amsgrad) or v, θ = θ − (lr/(1 − β1^t))·m / (√v̂/√(1 − β2^t) + ε).
 * Expected θ from reference.py.
 */
class AdamWProviderTest extends OptimizerContract {
    @Override
    OptimizerProvider provider() {
        return new AdamWProvider();
    }

    @Override
    String fullConfig() {
        return "{type: adamw, weight_decay: 0.1, amsgrad: true}";
    }

    @Override
    List<String> fullStateKeys() {
        return List.of("step", "0.exp_avg", "0.exp_avg_sq", "0.max_exp_avg_sq", "1.exp_avg", "1.exp_avg_sq", "1.max_exp_avg_sq");
    }

    @Override
    String defaultToString() {
        return "adamw(lr=0.001, beta1=0.9, beta2=0.999, eps=1.0E-8, weight_decay=0.01, amsgrad=false)";
    }

    /** Default λ = 0.01, lr = 0.1: θ·0.999 first, then the Adam step of AdamProviderTest's defaults case. */
    @Test
    void threeStepsWithDefaults() {
        assertSteps("{type: adamw, learning_rate: 0.1}", constant(0.1), new double[][] {
                {0.899000002, -1.8980000039999998, 0.14975001999999601},
                {0.8177969063826517, -1.910396476543747, 0.2151329293013743},
                {0.7825437349271063, -1.9275647228722064, 0.2173976154718431}});
    }

    /** λ = 0.5 (θ·0.95 each step), β1 = 0.8, β2 = 0.5, ε = 1e-3, AMSGrad. */
    @Test
    void threeStepsWithAmsgradAndStrongDecay() {
        assertSteps("{type: adamw, learning_rate: 0.1, beta1: 0.8, beta2: 0.5, eps: 0.001, weight_decay: 0.5, amsgrad: true}",
                constant(0.1), new double[][] {
                        {0.8501996007984032, -1.800398406374502, 0.1394607843137255},
                        {0.7398144984304384, -1.7298503444810953, 0.19330169243059114},
                        {0.6811945129970061, -1.663522207781051, 0.18206660482162487}});
    }

    /** The decay factor uses the scheduled rate too: θ·(1 − lr_t·0.5) with lr_t = 0.1, 0.05, 0.025. */
    @Test
    void threeStepsWithAScheduledLearningRate() {
        assertSteps("{type: adamw, weight_decay: 0.5}", HALVING, new double[][] {
                {0.8500000019999999, -1.8000000039999997, 0.137500019999996},
                {0.7885979541423258, -1.7621472401738734, 0.16682884916068524},
                {0.770131636078256, -1.744890060372951, 0.16536344332111924}});
    }

    /** Without weight decay AdamW is Adam, bit for bit. */
    @Test
    void withoutWeightDecayIsAdam() {
        List<Parameter> a = problem(), b = problem();
        Optimizer adamw = create("{type: adamw, weight_decay: 0, amsgrad: true}", a);
        Plugins.Resolved<?> r = Plugins.resolve(new Registry<OptimizerProvider>("optimizer").register(new AdamProvider()),
                Yaml.parse("{type: adam, amsgrad: true}", "test", 0), "optimizer", "type");
        Optimizer adam = new AdamProvider().create(r.params(), b);
        for (int t = 1; t <= 3; t++) {
            step(adamw, a, t, HALVING[t - 1]);
            step(adam, b, t, HALVING[t - 1]);
            assertArrayEquals(bits(flat(b)), bits(flat(a)), "θ after step " + t);
        }
    }

    @Test
    void rejectsADecayFactorAtOrBelowZero() {
        assertRejected("{type: adamw, learning_rate: 0.5, weight_decay: 2.0}",
                "test:1:49: optimizer.weight_decay: 2.0 is not valid (learning_rate·weight_decay = 0.5·2.0 = 1.0 must be below 1,"
                        + " else θ·(1 - lr·weight_decay) zeroes or flips the weights every step)");
        create("{type: adamw, learning_rate: 0.5, weight_decay: 1.9}", problem()); // θ·0.05: strong, but accepted
    }

    @Test
    void rejectsBetaOneAndNegativeDecay() {
        assertRejected("{type: adamw, beta2: 1.0}",
                "test:1:22: optimizer.beta2: 1.0 is not valid (expected a number in [0, 1): at 1 the bias correction 1 - beta2^t is 0)");
        assertRejected("{type: adamw, weight_decay: -0.01}",
                "test:1:29: optimizer.weight_decay: -0.01 is out of range (expected a number >= 0)");
    }
}
