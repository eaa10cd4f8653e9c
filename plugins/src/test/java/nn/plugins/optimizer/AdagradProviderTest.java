package nn.plugins.optimizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import nn.core.spi.Optimizer;
import nn.core.spi.OptimizerProvider;
import org.junit.jupiter.api.Test;

/**
 * torch.optim.Adagrad at step t: g = ∇θ + λθ, clr = lr/(1 + (t − 1)·lr_decay), s = s + g·g (s starting at
 * initial_accumulator_value), θ = θ − clr·g/(√s + ε). Expected θ from reference.py.
 */
class AdagradProviderTest extends OptimizerContract {
    @Override
    OptimizerProvider provider() {
        return new AdagradProvider();
    }

    @Override
    String fullConfig() {
        return "{type: adagrad, lr_decay: 0.5, weight_decay: 0.1, initial_accumulator_value: 0.1}";
    }

    @Override
    List<String> fullStateKeys() {
        return List.of("step", "0.sum", "1.sum");
    }

    @Override
    String defaultToString() {
        return "adagrad(lr=0.01, lr_decay=0.0, weight_decay=0.0, initial_accumulator_value=0.0, eps=1.0E-10)";
    }

    /** lr = 0.1, ε = 1e-10: step 1 is θ − 0.1·g/(|g| + 1e-10) ≈ θ − 0.1·sign(g). */
    @Test
    void threeStepsWithDefaults() {
        assertSteps("{type: adagrad, learning_rate: 0.1}", constant(0.1), new double[][] {
                {0.90000000002, -1.90000000004, 0.15000000019999998},
                {0.8803883865100278, -1.9768221279800653, 0.24922778784675137},
                {0.9169032236703722, -1.9895221406768586, 0.18952555644603322}});
    }

    /** lr_decay = 0.5 (clr = 0.1, 0.1/1.5, 0.1/2), λ = 0.1, s starting at 0.1, ε = 1e-3. */
    @Test
    void threeStepsWithEveryParameter() {
        assertSteps("{type: adagrad, learning_rate: 0.1, lr_decay: 0.5, weight_decay: 0.1, initial_accumulator_value: 0.1, eps: 0.001}",
                constant(0.1), new double[][] {
                        {0.9116650690572119, -1.9183303085299455, 0.22699386503067484},
                        {0.8936047458668526, -1.9311721159389814, 0.27740378657229253},
                        {0.9013494425111714, -1.9188241554812175, 0.2499617265300729}});
    }

    /** lr_decay = 0.5 applied to the scheduled rate: clr = 0.1, 0.05/1.5, 0.025/2. */
    @Test
    void threeStepsWithAScheduledLearningRate() {
        assertSteps("{type: adagrad, lr_decay: 0.5}", HALVING, new double[][] {
                {0.90000000002, -1.90000000004, 0.15000000019999998},
                {0.893462795516676, -1.9256073760200216, 0.18307592941558376},
                {0.898027150161719, -1.9271948776071208, 0.175613150490494}});
    }

    @Test
    void sumStartsAtTheInitialAccumulatorValue() {
        Optimizer o = create("{type: adagrad, initial_accumulator_value: 0.1}", problem());
        assertArrayEquals(new double[] {0.1, 0.1}, o.state().get("0.sum"));
        assertArrayEquals(new double[] {0.1}, o.state().get("1.sum"));
    }

    @Test
    void rejectsNegativeValues() {
        assertRejected("{type: adagrad, lr_decay: -0.5}", "test:1:27: optimizer.lr_decay: -0.5 is out of range (expected a number >= 0)");
        assertRejected("{type: adagrad, initial_accumulator_value: -1.0}",
                "test:1:44: optimizer.initial_accumulator_value: -1.0 is out of range (expected a number >= 0)");
        assertRejected("{type: adagrad, eps: -1.0}", "test:1:22: optimizer.eps: -1.0 is out of range (expected a number >= 0)");
    }
}
