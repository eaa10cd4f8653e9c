package dev.nn.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nn.core.config.ConfigException;
import nn.core.contract.ProviderContract;
import nn.core.contract.ProviderParams;
import nn.core.spi.Optimizer;
import nn.core.spi.OptimizerProvider;
import nn.core.spi.Parameter;
import nn.core.train.Plugins;
import nn.core.train.Registry;
import org.junit.jupiter.api.Test;

/**
 * lion through the provider contract (core's test-jar), then its update on one small problem: θ0 = [1, −2] (a 1×2
 * weight) and θ1 = [0.25] (a bias), with the gradients of steps 1, 2, 3 set by hand. The expected θ come from
 * lion-pytorch's {@code update_fn} written out in plain Python floats:
 * <pre>
 *   p *= 1. - lr*wd;  c = m*b1 + g*(1.-b1);  p += -lr*sign(c);  m = m*b2 + g*(1.-b2)
 * </pre>
 */
class LionProviderTest extends ProviderContract<OptimizerProvider> {
    @Override
    protected OptimizerProvider provider() {
        return new LionProvider();
    }

    @Override
    protected Registry<OptimizerProvider> registry(Plugins plugins) {
        return plugins.optimizers;
    }

    /** The gradients of steps 1, 2, 3, per parameter. */
    private static final double[][][] GRADS = {{{0.5, -0.25}, {0.05}}, {{0.1, 0.3}, {-0.4}}, {{-0.2, 0.05}, {0.3}}};

    /** A schedule other than the configured rate, to show that step(lr) uses lr. */
    private static final double[] LRS = {0.1, 0.05, 0.025};

    private static List<Parameter> problem() {
        return List.of(new Parameter("weight", new int[] {1, 2}, new double[] {1.0, -2.0}, new double[2]),
                new Parameter("bias", new int[] {1}, new double[] {0.25}, new double[1]));
    }

    private Optimizer create(String entries, List<Parameter> params) {
        return provider().create(ProviderParams.of(provider(), entries), params);
    }

    private static void step(Optimizer o, List<Parameter> params, int t, double lr) {
        for (int k = 0; k < params.size(); k++) System.arraycopy(GRADS[t - 1][k], 0, params.get(k).grad(), 0, params.get(k).size());
        o.step(lr);
    }

    private static double[] flat(List<Parameter> params) {
        return params.stream().flatMapToDouble(p -> Arrays.stream(p.data())).toArray();
    }

    /** Steps 1, 2, 3 against the expected θ after each, bit for bit (the same operations in the same order). */
    private void assertSteps(String entries, double[][] expected) {
        List<Parameter> params = problem();
        Optimizer o = create(entries, params);
        for (int t = 1; t <= 3; t++) {
            step(o, params, t, LRS[t - 1]);
            assertArrayEquals(expected[t - 1], flat(params), entries + ", θ after step " + t);
        }
    }

    @Test
    void defaultsMatchLionPytorch() {
        assertSteps("", new double[][] {{0.9, -1.9, 0.15}, {0.85, -1.95, 0.2}, {0.875, -1.9749999999999999, 0.17500000000000002}});
    }

    /** Decoupled weight decay, and betas whose momentum turns θ0[0] back at step 3. */
    @Test
    void weightDecayAndBetasMatchLionPytorch() {
        assertSteps("beta1: 0.8, beta2: 0.95, weight_decay: 0.5", new double[][] {
                {0.85, -1.7999999999999998, 0.13749999999999998},
                {0.7787499999999999, -1.805, 0.18406249999999996},
                {0.794015625, -1.8074375, 0.15676171874999997}});
    }

    /** sign(0) = 0: with no gradient and no momentum nothing moves (and without weight decay nothing shrinks). */
    @Test
    void aZeroGradientMovesNothing() {
        List<Parameter> params = problem();
        create("", params).step(0.1);
        assertArrayEquals(new double[] {1.0, -2.0, 0.25}, flat(params));
    }

    @Test
    void learningRateIsTheConfiguredOneButStepUsesTheScheduledOne() {
        List<Parameter> a = problem(), b = problem();
        Optimizer oa = create("learning_rate: 0.125", a), ob = create("learning_rate: 0.5", b);
        assertEquals(0.125, oa.learningRate());
        assertEquals(0.5, ob.learningRate());
        step(oa, a, 1, 0.01);
        step(ob, b, 1, 0.01);
        assertArrayEquals(flat(a), flat(b));
        assertEquals(1.0 - 0.01, flat(a)[0]);
    }

    @Test
    void aLearningRateOfZeroOrLessIsRefusedNamingIt() {
        for (String lr : List.of("0", "-0.1")) {
            ConfigException e = assertThrows(ConfigException.class, () -> create("learning_rate: " + lr, problem()));
            assertTrue(e.getMessage().endsWith("lion.learning_rate: " + lr + " is out of range (expected a number > 0)"), e::getMessage);
        }
        ConfigException e = assertThrows(ConfigException.class, () -> create("beta2: 1.5", problem()));
        assertTrue(e.getMessage().endsWith("lion.beta2: 1.5 is out of range (expected a number in [0, 1])"), e::getMessage);
    }

    @Test
    void gradsAreNotModified() {
        List<Parameter> params = problem();
        Optimizer o = create("weight_decay: 0.5", params);
        for (int t = 1; t <= 3; t++) {
            step(o, params, t, 0.1);
            for (int k = 0; k < params.size(); k++) assertArrayEquals(GRADS[t - 1][k], params.get(k).grad());
        }
    }

    @Test
    void stateIsTheStepAndOneMomentumPerParameter() {
        List<Parameter> params = problem();
        Optimizer o = create("", params);
        assertEquals(List.of("step", "0.exp_avg", "1.exp_avg"), List.copyOf(o.state().keySet()));
        step(o, params, 1, 0.1);
        assertArrayEquals(new double[] {1}, o.state().get("step"));
        // m = (1 − β2)·g after the first step
        assertArrayEquals(new double[] {(1 - 0.99) * 0.5, (1 - 0.99) * -0.25}, o.state().get("0.exp_avg"));
    }

    /** A checkpoint after step 1, copied into a new optimizer as a resume does, gives steps 2 and 3 bit for bit. */
    @Test
    void stateRoundTripReproducesTheSameBits() {
        String entries = "beta1: 0.8, beta2: 0.95, weight_decay: 0.5";
        List<Parameter> params = problem();
        Optimizer o = create(entries, params);
        step(o, params, 1, LRS[0]);
        Map<String, double[]> saved = new LinkedHashMap<>();
        o.state().forEach((k, v) -> saved.put(k, v.clone()));
        double[] savedTheta = flat(params);
        List<double[]> straight = stepsTwoAndThree(o, params);

        List<Parameter> fresh = problem();
        Optimizer resumed = create(entries, fresh);
        saved.forEach((k, v) -> System.arraycopy(v, 0, resumed.state().get(k), 0, v.length));
        int at = 0;
        for (Parameter p : fresh) {
            System.arraycopy(savedTheta, at, p.data(), 0, p.size());
            at += p.size();
        }
        List<double[]> again = stepsTwoAndThree(resumed, fresh);
        for (int i = 0; i < straight.size(); i++) assertArrayEquals(straight.get(i), again.get(i), "array " + i);
        assertNotEquals(0.0, saved.get("0.exp_avg")[0], "the momentum moved in step 1");
    }

    private static List<double[]> stepsTwoAndThree(Optimizer o, List<Parameter> params) {
        List<double[]> out = new ArrayList<>();
        for (int t = 2; t <= 3; t++) {
            step(o, params, t, LRS[t - 1]);
            out.add(flat(params));
            o.state().values().forEach(v -> out.add(v.clone()));
        }
        return out;
    }

    @Test
    void toStringListsEveryHyperparameter() {
        assertEquals("lion(lr=1.0E-4, beta1=0.9, beta2=0.99, weight_decay=0.0)", create("", problem()).toString());
    }
}
