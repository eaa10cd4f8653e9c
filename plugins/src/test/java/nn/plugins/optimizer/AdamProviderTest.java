package nn.plugins.optimizer;

import java.util.List;
import nn.core.spi.OptimizerProvider;
import org.junit.jupiter.api.Test;

/**
 * torch.optim.Adam at step t: g = ∇θ + λθ, m = m + (1 − β1)·(g − m), v = v·β2 + (1 − β2)·g·g,
 * v̂ = max(v̂, v) (amsgrad) or v, θ = θ − (lr/(1 − β1^t))·m / (√v̂/√(1 − β2^t) + ε). Expected θ from reference.py.
 */
class AdamProviderTest extends OptimizerContract {
    @Override
    OptimizerProvider provider() {
        return new AdamProvider();
    }

    @Override
    String fullConfig() {
        return "{type: adam, weight_decay: 0.1, amsgrad: true}";
    }

    @Override
    List<String> fullStateKeys() {
        return List.of("step", "0.exp_avg", "0.exp_avg_sq", "0.max_exp_avg_sq", "1.exp_avg", "1.exp_avg_sq", "1.max_exp_avg_sq");
    }

    @Override
    String defaultToString() {
        return "adam(lr=0.001, beta1=0.9, beta2=0.999, eps=1.0E-8, weight_decay=0.0, amsgrad=false)";
    }

    /** β1 = 0.9, β2 = 0.999, ε = 1e-8, lr = 0.1: step 1 moves each θ by lr·(1 − 2e-8)·sign(g) (m/√v = sign g). */
    @Test
    void threeStepsWithDefaults() {
        assertSteps("{type: adam, learning_rate: 0.1}", constant(0.1), new double[][] {
                {0.900000002, -1.9000000039999998, 0.15000001999999601},
                {0.8196959063846517, -1.914294476547747, 0.2155326793213743},
                {0.7852605318354889, -1.9333731193527501, 0.21801249842114448}});
    }

    /** L2 weight decay enters the gradient, g = ∇θ + 0.1·θ, with β1 = 0.8, β2 = 0.99, ε = 1e-3. */
    @Test
    void threeStepsWithWeightDecayAndOtherBetas() {
        assertSteps("{type: adam, learning_rate: 0.1, beta1: 0.8, beta2: 0.99, eps: 0.001, weight_decay: 0.1}", constant(0.1),
                new double[][] {
                        {0.9001663893510815, -1.900221729490022, 0.1513157894736842},
                        {0.8165407392024151, -1.8578520991041205, 0.21602637572323172},
                        {0.7701727380458077, -1.8084537192760763, 0.20743442317573318}});
    }

    /** AMSGrad with β2 = 0.5, so that v falls at step 2 for θ0[0] (0.125 → 0.0675) and v̂ = 0.125 is used instead. */
    @Test
    void threeStepsWithAmsgrad() {
        assertSteps("{type: adam, learning_rate: 0.1, beta2: 0.5, amsgrad: true}", constant(0.1), new double[][] {
                {0.900000002, -1.9000000039999998, 0.15000001999999601},
                {0.8290937217089079, -1.9138839336059943, 0.2069863261230612},
                {0.8002931085681679, -1.9303559478795203, 0.20929075335494254}});
    }

    /** The learning rate of step t is the scheduled one (0.1, 0.05, 0.025), not the configured 0.001. */
    @Test
    void threeStepsWithAScheduledLearningRate() {
        assertSteps("{type: adam}", HALVING, new double[][] {
                {0.900000002, -1.9000000039999998, 0.15000001999999601},
                {0.8598479541923258, -1.9071472402738734, 0.18276634966068517},
                {0.8512391105550351, -1.9119169009751242, 0.18338630443562773}});
    }

    @Test
    void rejectsBetasOutsideZeroToOne() {
        assertRejected("{type: adam, beta1: 1.0}",
                "test:1:21: optimizer.beta1: 1.0 is not valid (expected a number in [0, 1): at 1 the bias correction 1 - beta1^t is 0)");
        assertRejected("{type: adam, beta2: -0.5}", "test:1:21: optimizer.beta2: -0.5 is out of range (expected a number in [0, 1])");
        assertRejected("{type: adam, beta2: 1.5}", "test:1:21: optimizer.beta2: 1.5 is out of range (expected a number in [0, 1])");
    }

    @Test
    void rejectsNegativeRatesAndDecay() {
        assertRejected("{type: adam, learning_rate: -0.1}",
                "test:1:29: optimizer.learning_rate: -0.1 is out of range (expected a number > 0)");
        assertRejected("{type: adam, eps: -1.0}", "test:1:19: optimizer.eps: -1.0 is out of range (expected a number >= 0)");
        assertRejected("{type: adam, weight_decay: -0.01}",
                "test:1:28: optimizer.weight_decay: -0.01 is out of range (expected a number >= 0)");
    }
}
