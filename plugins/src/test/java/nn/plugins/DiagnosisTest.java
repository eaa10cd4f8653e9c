package nn.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import nn.core.explain.Explain;
import nn.core.explain.Factor;
import nn.core.explain.ParamRef;
import nn.core.explain.Paths;
import nn.core.explain.Trace;
import nn.core.explain.Units;
import nn.core.formula.Diagnosis;
import nn.core.formula.Expr;
import nn.core.formula.ExprParser;
import nn.core.formula.Formula;
import nn.core.formula.Printer;
import nn.core.tensor.Rng;
import nn.core.train.Gradients;
import nn.core.train.Network;
import nn.core.train.Plugins;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Diagnosis}: a learner's gradient formula read against the chain rule. Random stacks of 2 or 3 dense layers of 1
 * to 3 sigmoid or tanh units with random weights and biases (no two units share a pre-activation, so each d(…) names
 * one unit), one output, one parameter of a layer before the last (every path then has a weight; mostly the first
 * layer's, so that paths fan out): the chain rule
 * written as a learner writes it — per path of {@link Explain} the product of its factors, each derivative
 * d(pre-activation in names, as {@link Formula} writes it), weights by name, the input by name or as the activation
 * of the unit it is — is right path by path; each usual mistake made in one path is diagnosed as exactly that mistake
 * in exactly that path.
 */
class DiagnosisTest {
    private static final List<String> ACTIVATIONS = List.of("sigmoid", "tanh");

    private final Plugins plugins = Plugins.load(getClass().getClassLoader());

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 80);
    }

    /** The seeds whose parameter has two paths or more to its output. */
    static LongStream severalPaths() {
        DiagnosisTest t = new DiagnosisTest();
        return seeds().filter(s -> t.new Case(s).terms.size() >= 2);
    }

    /** A random network, input, output k, parameter, its explanation, the learner's term per path, and one path. */
    private final class Case {
        final DenseStack stack;
        final Network net;
        final double[] x;
        final Explain ex;
        final List<List<String>> terms = new ArrayList<>();
        final Rng rng;
        final int path;

        Case(long seed) {
            rng = new Rng(seed);
            int depth = rng.nextInt(3) == 0 ? 2 : 3, nin = 1 + rng.nextInt(3);
            List<Integer> units = new ArrayList<>();
            List<String> fs = new ArrayList<>();
            for (int i = 0; i < depth; i++) {
                units.add(i == depth - 1 ? 1 + rng.nextInt(2) : 1 + rng.nextInt(3));
                fs.add(ACTIVATIONS.get(rng.nextInt(ACTIVATIONS.size())));
            }
            stack = DenseStack.of(plugins, seed, nin, units, fs, List.of(true, true, true).subList(0, depth));
            net = stack.net();
            x = new double[nin];
            for (int i = 0; i < nin; i++) x[i] = rng.uniform(-2, 2);
            // mostly the first layer's, whose paths fan out through the layers after
            int layer = rng.nextInt(4) == 0 ? depth - 2 : 0;
            List<ParamRef> before = ParamRef.all(net).stream().filter(r -> r.layer() == layer).toList();
            ParamRef param = before.get(rng.nextInt(before.size()));
            int k = rng.nextInt(net.nout());
            ex = Explain.of(net, new Gradients.OfOutput(x, k), param.name(), 64);
            assertTrue(ex.byPaths(), ex.why());
            Assumptions.assumeTrue(distinct(ex.steps().get(0)), () -> "two units share a pre-activation:\n" + stack.yaml());
            for (Paths.Path p : ex.paths()) {
                List<String> t = new ArrayList<>();
                for (Factor f : p.factors()) t.add(written(f));
                terms.add(t);
            }
            path = rng.nextInt(terms.size());
        }

        /** How a learner writes factor f: d(z) for a derivative, a weight's name, an input's name or its unit's f(z). */
        String written(Factor f) {
            return switch (f.kind()) {
                case DERIV -> "d(" + z(f.layer(), f.unit()) + ")";
                case WEIGHT -> f.text();
                case INPUT -> f.layer() == 0 ? f.text() : function(f.layer() - 1, f.unit());
                case SEED -> throw new AssertionError("no seed factor for --of output");
            };
        }

        /** The activation of unit u of layer m applied to its pre-activation: s(z) or tanh(z). */
        String function(int m, int u) {
            return Units.symbol(net.layers().get(m).activationName()) + "(" + z(m, u) + ")";
        }

        /** The pre-activation of unit u of layer m in names: Formula's output of the layers up to m, inside its f. */
        String z(int m, int u) {
            Network upTo = new Network(net.nin(), net.layers().subList(0, m + 1), net.rng());
            Expr a = Formula.outputs(upTo, x, false).get(u);
            return Printer.print(((Expr.Call) a).arg(), Printer.Style.plain);
        }

        String formula(List<List<String>> ts) {
            List<String> sums = new ArrayList<>();
            for (List<String> t : ts) sums.add(String.join("*", t));
            return String.join(" + ", sums);
        }

        Diagnosis diagnose(List<List<String>> ts) {
            return Diagnosis.of(ex, net, x, ExprParser.parse(formula(ts)));
        }

        List<List<String>> copy() {
            List<List<String>> out = new ArrayList<>();
            for (List<String> t : terms) out.add(new ArrayList<>(t));
            return out;
        }

        /** Every path but except right; no term of the learner's left over. */
        void othersRight(Diagnosis d, int except, List<List<String>> ts) {
            assertEquals(ex.paths().size(), d.paths().size());
            for (int p = 0; p < d.paths().size(); p++) {
                assertEquals(ex.paths().get(p).key(), d.paths().get(p).path());
                if (p != except) assertTrue(d.paths().get(p).right(), () -> d + "\n" + formula(ts) + "\n" + stack.yaml());
            }
            assertEquals(List.of(), d.strays(), () -> formula(ts));
        }
    }

    /** Whether no two dense units have pre-activations within 1e-6 (relative) of each other. */
    private static boolean distinct(List<Trace.Step> steps) {
        List<Double> zs = new ArrayList<>();
        for (Trace.Step s : steps) for (double z : s.z()) zs.add(z);
        for (int i = 0; i < zs.size(); i++) {
            for (int j = i + 1; j < zs.size(); j++) {
                double a = zs.get(i), b = zs.get(j);
                if (Math.abs(a - b) <= 1e-6 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)))) return false;
            }
        }
        return true;
    }

    private static void assertRelative(double expected, double actual, double rtol) {
        assertTrue(Math.abs(expected - actual) <= rtol * Math.abs(expected), () -> "expected " + expected + ", got " + actual);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theChainRuleWrittenOutIsRightOnEveryPath(long seed) {
        Case c = new Case(seed);
        Diagnosis d = c.diagnose(c.terms);
        c.othersRight(d, -1, c.terms);
        assertRelative(c.ex.total(), d.truth(), 0);
        assertRelative(d.truth(), d.value(), 1e-12);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aDroppedWeightIsThatWeightMissingOnThatPath(long seed) {
        Case c = new Case(seed);
        List<Factor> factors = c.ex.paths().get(c.path).factors();
        List<Integer> weights = new ArrayList<>();
        for (int i = 0; i < factors.size(); i++) if (factors.get(i).kind() == Factor.Kind.WEIGHT) weights.add(i);
        int w = weights.get(c.rng.nextInt(weights.size()));
        List<List<String>> ts = c.copy();
        ts.get(c.path).remove(w);
        Diagnosis d = c.diagnose(ts);
        c.othersRight(d, c.path, ts);
        Diagnosis.PathReport r = d.paths().get(c.path);
        assertEquals(List.of(factors.get(w).text()), r.missing(), () -> c.formula(ts));
        assertEquals(List.of(), r.extra());
        assertEquals(List.of(), r.swapped());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aFunctionInPlaceOfItsDerivativeIsOneSwap(long seed) {
        Case c = new Case(seed);
        List<Factor> factors = c.ex.paths().get(c.path).factors();
        List<Integer> derivs = new ArrayList<>();
        for (int i = 0; i < factors.size(); i++) if (factors.get(i).kind() == Factor.Kind.DERIV) derivs.add(i);
        int i = derivs.get(c.rng.nextInt(derivs.size()));
        Factor f = factors.get(i);
        List<List<String>> ts = c.copy();
        ts.get(c.path).set(i, c.function(f.layer(), f.unit()));
        Diagnosis d = c.diagnose(ts);
        c.othersRight(d, c.path, ts);
        Diagnosis.PathReport r = d.paths().get(c.path);
        assertEquals(List.of(f.fText() + " in place of " + f.text()), r.swapped(), () -> c.formula(ts));
        assertEquals(List.of(), r.missing());
        assertEquals(List.of(), r.extra());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("severalPaths")
    void aPathLeftOutHasNoTerm(long seed) {
        Case c = new Case(seed);
        List<List<String>> ts = c.copy();
        ts.remove(c.path);
        Diagnosis d = c.diagnose(ts);
        c.othersRight(d, c.path, ts);
        Diagnosis.PathReport r = d.paths().get(c.path);
        assertNull(r.term(), () -> c.formula(ts));
        assertEquals(c.ex.paths().get(c.path).factors().stream().map(Factor::text).toList(), r.missing());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aBiasMultipliedInIsExtra(long seed) {
        Case c = new Case(seed);
        List<ParamRef> biases = ParamRef.all(c.net).stream().filter(ParamRef::bias).toList();
        String b = biases.get(c.rng.nextInt(biases.size())).name();
        List<List<String>> ts = c.copy();
        ts.get(c.path).add(c.rng.nextInt(ts.get(c.path).size() + 1), b);
        Diagnosis d = c.diagnose(ts);
        c.othersRight(d, c.path, ts);
        Diagnosis.PathReport r = d.paths().get(c.path);
        assertEquals(List.of(b), r.extra(), () -> c.formula(ts));
        assertEquals(List.of(), r.missing());
        assertEquals(List.of(), r.swapped());
    }

    /** A path's term with its sign flipped (a learner's minus) is not that path right, whatever its factors. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aPathWithItsSignFlippedIsNotRight(long seed) {
        Case c = new Case(seed);
        List<List<String>> ts = c.copy();
        ts.get(c.path).add(0, "-1");
        Diagnosis d = c.diagnose(ts);
        assertRelative(d.truth() - 2 * c.ex.paths().get(c.path).value(), d.value(), 1e-9);
        assertTrue(!d.paths().get(c.path).right(), () -> c.formula(ts) + " gives " + d.value() + ", not " + d.truth() + ", yet: " + d.paths());
    }

    @Test
    void theSeedsHaveSeveralPathsAndBothActivations() {
        long several = severalPaths().count();
        java.util.Set<String> seen = new java.util.TreeSet<>();
        for (long s : seeds().toArray()) new Case(s).net.layers().forEach(l -> seen.add(l.activationName()));
        assertTrue(several >= 25, "seeds with two paths or more: " + several);
        assertEquals(java.util.Set.copyOf(ACTIVATIONS), seen);
    }

    /** The README's learner, who forgot the weights: w4, w2 missing on one path, w5, w3 on the other. */
    @Test
    void theSeedLearnerForgotTheWeights() {
        Network net = DenseStack.seed(plugins);
        double[] x = {1.0};
        Explain ex = Explain.of(net, new Gradients.OfOutput(x, 0), "w1", 64);
        String learner = "d(s(s(I*w1+1)*w2+1)*w4+s(s(I*w1+1)*w3+1)*w5+1)*((d(s(I*w1+1)*w2+1)*d(I*w1+1)*I)+(d(s(I*w1+1)*w3+1)*d(I*w1+1)*I))";
        Diagnosis d = Diagnosis.of(ex, net, x, ExprParser.parse(learner));
        assertEquals(2, d.paths().size());
        assertEquals("h1>h2a>O", d.paths().get(0).path());
        assertEquals(List.of("w4", "w2"), d.paths().get(0).missing());
        assertEquals("h1>h2b>O", d.paths().get(1).path());
        assertEquals(List.of("w5", "w3"), d.paths().get(1).missing());
        for (Diagnosis.PathReport r : d.paths()) {
            assertEquals(List.of(), r.extra());
            assertEquals(List.of(), r.swapped());
        }
        assertEquals(List.of(), d.strays());
        assertRelative(0.00571675240882, d.value(), 1e-12);
        assertRelative(0.0014291881022047224, d.truth(), 1e-15);
    }
}
