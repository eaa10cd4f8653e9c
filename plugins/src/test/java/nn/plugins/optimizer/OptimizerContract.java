package nn.plugins.optimizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import nn.core.config.ConfigException;
import nn.core.config.Yaml;
import nn.core.spi.Optimizer;
import nn.core.spi.OptimizerProvider;
import nn.core.spi.Param;
import nn.core.spi.Parameter;
import nn.core.train.Plugins;
import nn.core.train.Registry;
import org.junit.jupiter.api.Test;

/**
 * What every optimizer must do, on one small fixed problem: two parameters θ0 = [1.0, -2.0] and θ1 = [0.25], with
 * the gradients of steps 1, 2, 3 set by hand (not computed from θ). The expected values in the subclasses come from
 * {@code reference.py} in this directory: torch.optim's single-tensor update written out in plain Python floats.
 */
abstract class OptimizerContract {
    /** The gradients of steps 1, 2, 3, per parameter. */
    static final double[][][] GRADS = {
            {{0.5, -0.25}, {0.05}},
            {{0.1, 0.3}, {-0.4}},
            {{-0.2, 0.05}, {0.3}}};

    /** A learning rate schedule that differs from every configured learning rate, to show that step(lr) uses lr. */
    static final double[] HALVING = {0.1, 0.05, 0.025};

    abstract OptimizerProvider provider();

    /** A config (a YAML mapping without learning_rate) under which the optimizer keeps every kind of state it has. */
    abstract String fullConfig();

    /** The state keys of {@link #fullConfig()} on the two-parameter problem. */
    abstract List<String> fullStateKeys();

    /** toString() of the optimizer configured with all defaults: torch's defaults, every hyperparameter listed. */
    abstract String defaultToString();

    /** θ0 = [1.0, -2.0] (a 1×2 weight) and θ1 = [0.25] (a bias). */
    static List<Parameter> problem() {
        return List.of(new Parameter("weight", new int[] {1, 2}, new double[] {1.0, -2.0}, new double[2]),
                new Parameter("bias", new int[] {1}, new double[] {0.25}, new double[1]));
    }

    Optimizer create(String yaml, List<Parameter> params) {
        Registry<OptimizerProvider> registry = new Registry<OptimizerProvider>("optimizer").register(provider());
        Plugins.Resolved<OptimizerProvider> r = Plugins.resolve(registry, Yaml.parse(yaml, "test", 0), "optimizer", "type");
        return r.provider().create(r.params(), params);
    }

    /** {@code {type: name, ..., learning_rate: lr}} from a mapping written without learning_rate. */
    static String withLearningRate(String yaml, double lr) {
        return yaml.substring(0, yaml.lastIndexOf('}')) + ", learning_rate: " + lr + "}";
    }

    /** Sets the grads of step t (1-based) and takes the step with learning rate lr. */
    static void step(Optimizer o, List<Parameter> params, int t, double lr) {
        for (int k = 0; k < params.size(); k++) {
            System.arraycopy(GRADS[t - 1][k], 0, params.get(k).grad(), 0, params.get(k).size());
        }
        o.step(lr);
    }

    /** All parameter values, flattened in order. */
    static double[] flat(List<Parameter> params) {
        return params.stream().flatMapToDouble(p -> Arrays.stream(p.data())).toArray();
    }

    /**
     * Steps 1, 2, 3 of the optimizer configured by yaml, with learning rates lrs, each compared with the expected
     * θ after that step (θ0[0], θ0[1], θ1[0]) to 1e-15 relative.
     */
    void assertSteps(String yaml, double[] lrs, double[][] expected) {
        List<Parameter> params = problem();
        Optimizer o = create(yaml, params);
        for (int t = 1; t <= 3; t++) {
            step(o, params, t, lrs[t - 1]);
            double[] found = flat(params);
            for (int i = 0; i < found.length; i++) {
                double want = expected[t - 1][i];
                int step = t, index = i;
                assertTrue(Math.abs(found[i] - want) <= 1e-15 * Math.abs(want),
                        () -> yaml + " step " + step + " θ[" + index + "]: expected " + want + ", found " + found[index]);
            }
        }
    }

    static double[] constant(double lr) {
        return new double[] {lr, lr, lr};
    }

    /** Asserts that yaml is rejected with exactly this message. */
    void assertRejected(String yaml, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> create(yaml, problem()));
        assertEquals(message, e.getMessage());
    }

    static Map<String, double[]> copy(Map<String, double[]> state) {
        Map<String, double[]> c = new LinkedHashMap<>();
        state.forEach((k, v) -> c.put(k, v.clone()));
        return c;
    }

    static void restore(Map<String, double[]> into, Map<String, double[]> saved) {
        assertEquals(saved.keySet(), into.keySet());
        saved.forEach((k, v) -> System.arraycopy(v, 0, into.get(k), 0, v.length));
    }

    static void restoreParams(List<Parameter> into, double[] saved) {
        int at = 0;
        for (Parameter p : into) {
            System.arraycopy(saved, at, p.data(), 0, p.size());
            at += p.size();
        }
    }

    /** θ and state, bit for bit, after steps 2 and 3. */
    static List<long[]> stepsTwoAndThree(Optimizer o, List<Parameter> params) {
        List<long[]> bits = new ArrayList<>();
        for (int t = 2; t <= 3; t++) {
            step(o, params, t, HALVING[t - 1]);
            bits.add(bits(flat(params)));
            o.state().values().forEach(v -> bits.add(bits(v)));
        }
        return bits;
    }

    static long[] bits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    @Test
    void isFoundByServiceLoader() {
        List<OptimizerProvider> found = ServiceLoader.load(OptimizerProvider.class, getClass().getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.name().equals(provider().name())).toList();
        assertEquals(1, found.size(), provider().name() + " providers found");
        assertInstanceOf(provider().getClass(), found.get(0));
    }

    @Test
    void declaresLearningRateAndDocumentsEveryParameter() {
        assertTrue(provider().params().stream().anyMatch(p -> p.name().equals("learning_rate") && p.type() == Param.Type.REAL));
        for (Param p : provider().params()) assertTrue(!p.doc().isBlank(), p.name());
        assertTrue(!provider().doc().isBlank());
    }

    /** A learning rate of 0 trains nothing, and a negative one climbs the loss: both refused at the value. */
    @Test
    void refusesALearningRateOfZeroOrLess() {
        String head = "{type: " + provider().name() + ", learning_rate: ";
        for (String lr : List.of("0", "0.0", "-0.1")) {
            assertRejected(head + lr + "}", "test:1:" + (head.length() + 1) + ": optimizer.learning_rate: " + lr
                    + " is out of range (expected a number > 0)");
        }
        assertEquals(1e-300, create(head + "1e-300}", problem()).learningRate());
    }

    @Test
    void defaultsAreTorchsAndToStringListsThem() {
        Optimizer o = create("{type: " + provider().name() + "}", problem());
        assertEquals(defaultToString(), o.toString());
        assertEquals(create(provider().name(), problem()).toString(), o.toString());
    }

    @Test
    void learningRateIsTheConfiguredOneButStepUsesTheScheduledOne() {
        List<Parameter> a = problem(), b = problem();
        Optimizer oa = create(withLearningRate(fullConfig(), 0.125), a);
        Optimizer ob = create(withLearningRate(fullConfig(), 0.5), b);
        assertEquals(0.125, oa.learningRate());
        assertEquals(0.5, ob.learningRate());
        for (int t = 1; t <= 3; t++) {
            step(oa, a, t, HALVING[t - 1]);
            step(ob, b, t, HALVING[t - 1]);
            assertArrayEquals(bits(flat(a)), bits(flat(b)), "θ after step " + t);
        }
        // and the scheduled rate is the one used: another rate, another θ
        List<Parameter> c = problem(), d = problem();
        step(create(withLearningRate(fullConfig(), 0.125), c), c, 1, 0.2);
        step(create(withLearningRate(fullConfig(), 0.125), d), d, 1, 0.1);
        assertNotEquals(flat(c)[0], flat(d)[0]);
    }

    @Test
    void gradsAreNotModified() {
        List<Parameter> params = problem();
        Optimizer o = create(withLearningRate(fullConfig(), 0.1), params);
        for (int t = 1; t <= 3; t++) {
            step(o, params, t, 0.1);
            for (int k = 0; k < params.size(); k++) assertArrayEquals(GRADS[t - 1][k], params.get(k).grad());
        }
    }

    @Test
    void stateHasOneArrayPerKindOfStateAndParameter() {
        List<Parameter> params = problem();
        Optimizer o = create(withLearningRate(fullConfig(), 0.1), params);
        assertEquals(fullStateKeys(), List.copyOf(o.state().keySet()));
        assertArrayEquals(new double[] {0}, o.state().get("step"));
        step(o, params, 1, 0.1);
        assertArrayEquals(new double[] {1}, o.state().get("step"));
    }

    /** A checkpoint after step 1, restored into the same optimizer and into a new one, gives the same steps 2, 3. */
    @Test
    void stateRoundTripReproducesTheSameBits() {
        String yaml = withLearningRate(fullConfig(), 0.1);
        List<Parameter> params = problem();
        Optimizer o = create(yaml, params);
        step(o, params, 1, HALVING[0]);
        Map<String, double[]> saved = copy(o.state());
        double[] savedParams = flat(params);

        List<long[]> first = stepsTwoAndThree(o, params);

        restore(o.state(), saved);
        restoreParams(params, savedParams);
        List<long[]> again = stepsTwoAndThree(o, params);

        List<Parameter> fresh = problem();
        Optimizer resumed = create(yaml, fresh);
        restore(resumed.state(), saved);
        restoreParams(fresh, savedParams);
        List<long[]> resumedBits = stepsTwoAndThree(resumed, fresh);

        assertEquals(first.size(), again.size());
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(first.get(i), again.get(i), "restored into the same optimizer, array " + i);
            assertArrayEquals(first.get(i), resumedBits.get(i), "restored into a new optimizer, array " + i);
        }
        // the round trip is not vacuous: the state moved after step 1
        assertTrue(saved.values().stream().anyMatch(v -> Arrays.stream(v).anyMatch(x -> x != 0)));
    }
}
