package nn.plugins.optimizer;

import java.util.List;
import nn.core.spi.OptimizerProvider;
import org.junit.jupiter.api.Test;

/**
 * torch.optim.RMSprop: g = ∇θ + λθ, s = s·α + (1 − α)·g·g; centered: a = a + (1 − α)·(g − a), d = √(s − a·a) + ε,
 * else d = √s + ε; momentum μ > 0: b = b·μ + g/d, θ = θ − lr·b; else θ = θ − lr·g/d. Expected θ from reference.py.
 */
class RmspropProviderTest extends OptimizerContract {
    @Override
    OptimizerProvider provider() {
        return new RmspropProvider();
    }

    @Override
    String fullConfig() {
        return "{type: rmsprop, momentum: 0.9, centered: true, weight_decay: 0.1}";
    }

    @Override
    List<String> fullStateKeys() {
        return List.of("step", "0.square_avg", "0.momentum_buffer", "0.grad_avg", "1.square_avg", "1.momentum_buffer", "1.grad_avg");
    }

    @Override
    String defaultToString() {
        return "rmsprop(lr=0.01, alpha=0.99, eps=1.0E-8, weight_decay=0.0, momentum=0.0, centered=false)";
    }

    /** α = 0.99, ε = 1e-8, lr = 0.01: step 1 is θ − 0.01·g/(0.1·|g| + 1e-8) ≈ θ − 0.1·sign(g). */
    @Test
    void threeStepsWithDefaults() {
        assertSteps("{type: rmsprop}", constant(0.01), new double[][] {
                {0.900000019999996, -1.9000000399999841, 0.15000019999960007},
                {0.8802934383202046, -1.9769800561388529, 0.2492355968393776},
                {0.9171210980353726, -1.9897688118849415, 0.1893373792810912}});
    }

    /** μ = 0.9, λ = 0.1: b = 0.9·b + g/d, θ = θ − 0.01·b. */
    @Test
    void threeStepsWithMomentumAndWeightDecay() {
        assertSteps("{type: rmsprop, momentum: 0.9, weight_decay: 0.1}", constant(0.01), new double[][] {
                {0.900000016666664, -1.9000000222222173, 0.1500001333331556},
                {0.7796727346560944, -1.8338581770644193, 0.15817307530011296},
                {0.6905901660621652, -1.7464106903006333, 0.1026159694407457}});
    }

    /** centered, α = 0.9, ε = 1e-3: d = √(s − a²) + ε. */
    @Test
    void threeStepsCentered() {
        assertSteps("{type: rmsprop, alpha: 0.9, eps: 0.001, centered: true}", constant(0.01), new double[][] {
                {0.9668874172185431, -1.9671052631578947, 0.21875},
                {0.9599473527361487, -1.9917558256083212, 0.2511831788412968},
                {0.972700859999795, -1.99605820564929, 0.23178060675275328}});
    }

    /** centered, α = 0.9, μ = 0.5, λ = 0.1. */
    @Test
    void threeStepsCenteredWithMomentumAndWeightDecay() {
        assertSteps("{type: rmsprop, alpha: 0.9, momentum: 0.5, centered: true, weight_decay: 0.1}", constant(0.01), new double[][] {
                {0.9666666685185185, -1.9666666691358023, 0.2166666814814749},
                {0.9388013312366748, -1.9576214108986736, 0.23214342692640605},
                {0.9309286007577269, -1.942157172219255, 0.21891582890917613}});
    }

    /** μ = 0.9 with the scheduled rates 0.01, 0.005, 0.0025 (the configured one is 0.5): θ = θ − lr_t·b. */
    @Test
    void threeStepsWithAScheduledLearningRate() {
        assertSteps("{type: rmsprop, learning_rate: 0.5, momentum: 0.9}", new double[] {0.01, 0.005, 0.0025}, new double[][] {
                {0.900000019999996, -1.9000000399999841, 0.15000019999960004},
                {0.8451467381600986, -1.8934900660694114, 0.15461798841930882},
                {0.8296696762609367, -1.8937577667371757, 0.1417214388186062}});
    }

    @Test
    void rejectsOutOfRangeValues() {
        assertRejected("{type: rmsprop, alpha: 1.5}", "test:1:24: optimizer.alpha: 1.5 is out of range (expected a number in [0, 1])");
        assertRejected("{type: rmsprop, momentum: -0.9}", "test:1:27: optimizer.momentum: -0.9 is out of range (expected a number >= 0)");
        assertRejected("{type: rmsprop, eps: -1.0}", "test:1:22: optimizer.eps: -1.0 is out of range (expected a number >= 0)");
    }
}
