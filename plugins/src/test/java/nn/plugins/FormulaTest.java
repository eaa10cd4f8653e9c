package nn.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import nn.core.explain.ParamRef;
import nn.core.explain.Units;
import nn.core.formula.Desmos;
import nn.core.formula.Expr;
import nn.core.formula.ExprParser;
import nn.core.formula.Formula;
import nn.core.formula.Printer;
import nn.core.formula.Scope;
import nn.core.tensor.Rng;
import nn.core.train.Network;
import nn.core.train.Plugins;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Formula}: a dense network's output written as one closed form is the network's output. Random stacks of 1 to
 * 3 dense layers of 1 to 3 units (sigmoid, tanh, relu, identity; softmax on a last layer of 2 or 3), random weights,
 * biases (or none) and inputs: the formula with values, printed plain and read back, and the formula in names, both
 * evaluated by {@link Scope}, equal {@link Network#forward} in evaluation mode to {@value #RTOL} (relative; {@value #ATOL}
 * absolute near 0); Python evaluates the printed text to the same. LaTeX and Desmos print them; {@link Formula#size}
 * bounds the nodes written. Lives in plugins, whose providers the activations are.
 */
class FormulaTest {
    private static final double RTOL = 1e-12, ATOL = 1e-14;
    private static final List<String> ACTIVATIONS = List.of("sigmoid", "tanh", "relu", "identity");
    /** nn grad configs/seed.yaml --of output: O (the README's value, to 13 digits). */
    private static final double SEED_O = 0.8585835106112;
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private final Plugins plugins = Plugins.load(getClass().getClassLoader());

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 60);
    }

    /** A random stack and input. */
    private record Case(DenseStack stack, double[] x) {
        Network net() {
            return stack.net();
        }
    }

    private Case random(long seed) {
        Rng rng = new Rng(seed);
        int depth = 1 + rng.nextInt(3), nin = 1 + rng.nextInt(3);
        List<Integer> units = new ArrayList<>();
        List<String> fs = new ArrayList<>();
        List<Boolean> bias = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            boolean softmax = i == depth - 1 && rng.nextInt(3) == 0;
            units.add(softmax ? 2 + rng.nextInt(2) : 1 + rng.nextInt(3));
            fs.add(softmax ? "softmax" : ACTIVATIONS.get(rng.nextInt(ACTIVATIONS.size())));
            bias.add(rng.nextInt(4) != 0);
        }
        double[] x = new double[nin];
        for (int i = 0; i < nin; i++) x[i] = rng.uniform(-2, 2);
        return new Case(DenseStack.of(plugins, seed, nin, units, fs, bias), x);
    }

    private static double[] forward(Network net, double[] x) {
        return net.forward(x, 1, false).clone();
    }

    private static void assertClose(double expected, double actual, String what) {
        double tol = Math.max(ATOL, RTOL * Math.max(Math.abs(expected), Math.abs(actual)));
        assertTrue(Math.abs(expected - actual) <= tol, () -> what + ": expected " + expected + ", got " + actual + " (off by " + Math.abs(expected - actual) + ")");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theFormulaWithValuesPrintedAndReadBackIsTheForwardPass(long seed) {
        Case c = random(seed);
        double[] y = forward(c.net(), c.x());
        List<Expr> outputs = Formula.outputs(c.net(), c.x(), true);
        assertEquals(c.net().nout(), outputs.size());
        Scope scope = new Scope(c.net(), c.x(), z -> null);
        for (int k = 0; k < y.length; k++) {
            String text = Printer.print(outputs.get(k), Printer.Style.plain);
            assertEquals(Set.of(), Expr.names(ExprParser.parse(text)), text);
            assertClose(y[k], scope.eval(ExprParser.parse(text)), "output " + k + " of\n" + c.stack().yaml() + text);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theFormulaInNamesIsTheForwardPassAndNamesEveryParameterAndInput(long seed) {
        Case c = random(seed);
        Network net = c.net();
        double[] y = forward(net, c.x());
        Scope scope = new Scope(net, c.x(), z -> null);
        List<Expr> outputs = Formula.outputs(net, c.x(), false);
        Set<String> named = new TreeSet<>();
        for (int k = 0; k < y.length; k++) {
            Expr e = outputs.get(k);
            named.addAll(Expr.names(e));
            assertClose(y[k], scope.eval(e), "output " + k + " of\n" + c.stack().yaml());
            String text = Printer.print(e, Printer.Style.plain);
            assertClose(y[k], scope.eval(ExprParser.parse(text)), "output " + k + " read back from " + text);
        }
        Set<String> expected = new TreeSet<>();
        for (ParamRef r : ParamRef.all(net)) expected.add(r.name());
        for (int i = 0; i < net.nin(); i++) expected.add(Units.input(i, net.nin()));
        assertEquals(expected, named, c.stack().yaml());
    }


    /** How many nodes e has: numbers, names, negations, operations and calls. */
    private static long nodes(Expr e) {
        if (e instanceof Expr.Neg n) return 1 + nodes(n.e());
        if (e instanceof Expr.Call c) return 1 + nodes(c.arg());
        if (e instanceof Expr.Bin b) return 1 + nodes(b.a()) + nodes(b.b());
        return 1;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void sizeBoundsTheNodesWrittenWithoutWritingThem(long seed) {
        Case c = random(seed);
        long n = 0;
        for (Expr e : Formula.outputs(c.net(), c.x(), false)) n += nodes(e);
        double size = Formula.size(c.net());
        long written = n;
        assertTrue(size >= written && size <= 2 * written, () -> "size " + size + ", nodes written " + written + "\n" + c.stack().yaml());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void latexAndDesmosPrintEveryActivationHere(long seed) {
        Case c = random(seed);
        Network net = c.net();
        Set<String> fs = new TreeSet<>();
        net.layers().forEach(l -> fs.add(l.activationName()));
        Map<String, Expr> formulas = new LinkedHashMap<>();
        List<Expr> outputs = Formula.outputs(net, c.x(), false);
        for (int k = 0; k < outputs.size(); k++) formulas.put(Units.output(k, net.nout()), outputs.get(k));
        Map<String, Double> sliders = new LinkedHashMap<>();
        for (ParamRef r : ParamRef.all(net)) sliders.put(r.name(), r.value());
        for (int i = 0; i < net.nin(); i++) sliders.put(Units.input(i, net.nin()), c.x()[i]);

        for (Expr e : outputs) {
            String latex = Printer.print(e, Printer.Style.latex);
            assertBalanced(latex);
            assertEquals(fs.contains("sigmoid"), latex.contains("\\sigma\\left("), latex);
            assertEquals(fs.contains("tanh"), latex.contains("\\tanh\\left("), latex);
            assertEquals(fs.contains("relu"), latex.contains("\\mathrm{relu}\\left("), latex);
            assertEquals(fs.contains("softmax"), latex.contains("\\exp\\left(") && latex.contains("\\frac{"), latex);
            assertTrue(!latex.contains("*") && latex.contains(" \\cdot w_{") && !latex.matches(".*\\b[wbI][0-9].*"), latex);
        }
        List<String> lines = Desmos.lines(formulas, sliders);
        assertEquals(fs.contains("sigmoid"), lines.contains("s(x)=\\frac{1}{1+e^{-x}}"), String.join("\n", lines));
        assertEquals(fs.contains("relu"), lines.contains("r(x)=\\max(0,x)"), String.join("\n", lines));
        int defined = (fs.contains("sigmoid") ? 1 : 0) + (fs.contains("relu") ? 1 : 0);
        assertEquals(defined + sliders.size() + formulas.size(), lines.size(), String.join("\n", lines));
        List<String> values = lines.subList(defined, defined + sliders.size());
        int i = 0;
        for (var s : sliders.entrySet()) {
            assertEquals(Units.latex(s.getKey()) + "=", values.get(i).substring(0, values.get(i).indexOf('=') + 1));
            assertEquals(s.getValue(), Double.parseDouble(values.get(i++).substring(Units.latex(s.getKey()).length() + 1).replace("\\times10^{", "E").replace("}", "")), 0.0);
        }
        for (String line : lines.subList(defined + sliders.size(), lines.size())) {
            assertBalanced(line);
            assertTrue(!line.contains("\\mathrm") && !line.contains("\\sigma"), line);
            assertEquals(fs.contains("relu"), line.contains("r\\left("), line);
        }
    }

    /** Braces and \left( \right) pairs balanced, never closing before they open. */
    private static void assertBalanced(String latex) {
        int braces = 0, parens = 0;
        for (int i = 0; i < latex.length(); i++) {
            if (latex.charAt(i) == '{') braces++;
            if (latex.charAt(i) == '}') braces--;
            if (latex.startsWith("\\left(", i)) parens++;
            if (latex.startsWith("\\right)", i)) parens--;
            assertTrue(braces >= 0 && parens >= 0, latex);
        }
        assertEquals(0, braces, latex);
        assertEquals(0, parens, latex);
    }

    @Test
    void theSeedsCoverEveryActivationAndTheShapes() {
        Set<String> seen = new TreeSet<>();
        Set<Integer> depths = new TreeSet<>();
        boolean noBias = false;
        for (long s : seeds().toArray()) {
            Case c = random(s);
            c.net().layers().forEach(l -> seen.add(l.activationName()));
            depths.add(c.net().layers().size());
            noBias |= ParamRef.all(c.net()).stream().filter(ParamRef::bias).count() < c.net().layers().stream().mapToInt(l -> l.nout()).sum();
        }
        assertEquals(Set.of("sigmoid", "tanh", "relu", "identity", "softmax"), seen);
        assertEquals(Set.of(1, 2, 3), depths);
        assertTrue(noBias, "some layer without bias");
    }

    /** Python, an independent reader of the plain text: each seed's formulas with values, evaluated there. */
    @Test
    void pythonEvaluatesThePlainFormulasToTheForwardPass() throws Exception {
        List<String> texts = new ArrayList<>();
        List<Double> expected = new ArrayList<>();
        for (long s : seeds().toArray()) {
            Case c = random(s);
            double[] y = forward(c.net(), c.x());
            List<Expr> outputs = Formula.outputs(c.net(), c.x(), true);
            for (int k = 0; k < y.length; k++) {
                texts.add(Printer.print(outputs.get(k), Printer.Style.plain));
                expected.add(y[k]);
            }
        }
        List<Double> got = python(texts);
        for (int i = 0; i < texts.size(); i++) assertClose(expected.get(i), got.get(i), texts.get(i));
    }

    @Test
    void pythonEvaluatesTheSeedFormulaToTheReadmeValue() throws Exception {
        Network net = DenseStack.seed(plugins);
        double[] x = {1.0};
        String text = Printer.print(Formula.outputs(net, x, true).get(0), Printer.Style.plain);
        assertEquals("s(s(s(1*0.5 + 1)*0.5 + 1)*0.5 + s(s(1*0.5 + 1)*0.5 + 1)*0.5 + 1)", text);
        assertEquals(SEED_O, python(List.of(text)).get(0), 1e-12);
        assertEquals(SEED_O, new Scope(net, x, z -> null).eval(ExprParser.parse(text)), 1e-12);
    }

    /**
     * Each text evaluated by /usr/bin/python3 with s(x) = 1/(1+exp(-x)), tanh, relu(x) = max(0, x) and exp; skipped
     * where there is no python3.
     */
    private static List<Double> python(List<String> texts) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3");
        String script = "import sys\nfrom math import exp, tanh\n"
                + "def s(x): return 1/(1+exp(-x))\n"
                + "def relu(x): return max(0.0, x)\n"
                + "for line in sys.stdin: print(repr(float(eval(line))))\n";
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", script).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (var in = p.getOutputStream()) {
            in.write((String.join("\n", texts) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python3 timed out");
        assertEquals(0, p.exitValue(), out);
        List<Double> values = new ArrayList<>();
        for (String line : out.strip().split("\n")) values.add(Double.parseDouble(line));
        assertEquals(texts.size(), values.size(), out);
        return values;
    }
}
