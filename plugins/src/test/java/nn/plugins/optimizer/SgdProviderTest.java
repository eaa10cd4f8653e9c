package nn.plugins.optimizer;

import java.util.List;
import nn.core.spi.OptimizerProvider;
import org.junit.jupiter.api.Test;

/**
 * torch.optim.SGD: g = ∇θ + λθ; with momentum μ, b = g at step 1, else b = μ·b + (1 − τ)·g, and g = g + μ·b
 * (nesterov) or g = b; θ = θ − lr·g. Expected θ from reference.py.
 */
class SgdProviderTest extends OptimizerContract {
    @Override
    OptimizerProvider provider() {
        return new SgdProvider();
    }

    @Override
    String fullConfig() {
        return "{type: sgd, momentum: 0.9, dampening: 0.1, weight_decay: 0.01}";
    }

    @Override
    List<String> fullStateKeys() {
        return List.of("step", "0.momentum_buffer", "1.momentum_buffer");
    }

    @Override
    String defaultToString() {
        return "sgd(lr=0.001, momentum=0.0, dampening=0.0, nesterov=false, weight_decay=0.0)";
    }

    /** θ = θ − 0.1·g. */
    @Test
    void threeStepsPlain() {
        assertSteps("{type: sgd, learning_rate: 0.1}", constant(0.1), new double[][] {
                {0.95, -1.975, 0.245},
                {0.94, -2.005, 0.28500000000000003},
                {0.96, -2.01, 0.255}});
    }

    /** g = ∇θ + 0.01·θ; b = g at step 1, then b = 0.9·b + 0.9·g; θ = θ − 0.1·b. */
    @Test
    void threeStepsWithMomentumDampeningAndWeightDecay() {
        assertSteps("{type: sgd, learning_rate: 0.1, momentum: 0.9, dampening: 0.1, weight_decay: 0.01}", constant(0.1),
                new double[][] {
                        {0.949, -1.973, 0.24475},
                        {0.8932458999999999, -1.9739243000000002, 0.275804725},
                        {0.8602632886899999, -1.9774796381300002, 0.2765057532475}});
    }

    /** g = ∇θ + 0.01·θ; b = g at step 1, then b = 0.9·b + g; θ = θ − 0.1·(g + 0.9·b). */
    @Test
    void threeStepsWithNesterovMomentumAndWeightDecay() {
        assertSteps("{type: sgd, learning_rate: 0.1, momentum: 0.9, nesterov: true, weight_decay: 0.01}", constant(0.1),
                new double[][] {
                        {0.9031, -1.9487, 0.240025},
                        {0.84107411, -1.98012747, 0.3113164525},
                        {0.831465558191, -1.988903780807, 0.28210328099025}});
    }

    @Test
    void rejectsNesterovWithoutMomentumOrWithDampening() {
        assertRejected("{type: sgd, nesterov: true}",
                "test:1:23: optimizer.nesterov: true is not valid (nesterov needs momentum > 0 and dampening = 0)");
        assertRejected("{type: sgd, nesterov: true, momentum: 0.9, dampening: 0.5}",
                "test:1:23: optimizer.nesterov: true is not valid (nesterov needs momentum > 0 and dampening = 0)");
        assertRejected("{type: sgd, dampening: 2.5}", "test:1:24: optimizer.dampening: 2.5 is out of range (expected a number in [0, 1])");
    }
}
