package nn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import nn.core.formula.ExprParser;
import nn.core.formula.Scope;
import nn.core.train.Config;
import nn.core.train.Experiment;
import nn.core.train.Network;
import nn.core.train.Plugins;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * nn grad --formula, --expect FORMULA and --vary (issue 16) on the README's seed network: the closed form evaluates to
 * the output, the learner who forgot the weights is told so, the slider's rows are nn grad's gradients bit for bit;
 * and the mistakes around them are one line and exit 2.
 */
class GradFormulaTest {
    /** O of the seed network, to 13 digits (README). */
    static final double SEED_O = 0.8585835106112;
    static final String SEED = Run.config("seed.yaml");
    /** The README's learner: the chain rule for dO/dw1 with every weight on the way forgotten. */
    static final String LEARNER = "d(s(s(I*w1+1)*w2+1)*w4+s(s(I*w1+1)*w3+1)*w5+1)*((d(s(I*w1+1)*w2+1)*d(I*w1+1)*I)+(d(s(I*w1+1)*w3+1)*d(I*w1+1)*I))";

    @TempDir
    Path tmp;

    private static Network seedNetwork() {
        Plugins plugins = Plugins.load(GradFormulaTest.class.getClassLoader());
        Config c = Config.load(Path.of(SEED), List.of(), plugins);
        return Experiment.prepare(c, new ByteArrayInputStream(new byte[0])).network();
    }

    /** The right-hand side of the one line NAME = FORMULA out holds. */
    private static String rhs(Run r, String name) {
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(1, lines.length, r.out());
        assertTrue(lines[0].startsWith(name + " = "), r.out());
        return lines[0].substring(name.length() + 3);
    }

    @Test
    void formulaWithValuesEvaluatesToTheOutput() throws Exception {
        String formula = rhs(Run.nn("grad", SEED, "--formula", "--values"), "O");
        assertEquals("s(s(s(1*0.5 + 1)*0.5 + 1)*0.5 + s(s(1*0.5 + 1)*0.5 + 1)*0.5 + 1)", formula);
        double java = new Scope(seedNetwork(), new double[] {1.0}, z -> null).eval(ExprParser.parse(formula));
        assertEquals(SEED_O, java, 1e-12);
        Path python = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(python), "no /usr/bin/python3");
        Process p = new ProcessBuilder(python.toString(), "-c", "from math import exp\ndef s(x): return 1/(1+exp(-x))\nprint(repr(" + formula + "))")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals(SEED_O, Double.parseDouble(out), 1e-12);
    }

    @Test
    void formulaInNamesEvaluatesToTheOutput() {
        String formula = rhs(Run.nn("grad", SEED, "--formula"), "O");
        assertEquals("s(s(s(I*w1 + b1)*w2 + b2)*w4 + s(s(I*w1 + b1)*w3 + b3)*w5 + b4)", formula);
        assertEquals(SEED_O, new Scope(seedNetwork(), new double[] {1.0}, z -> null).eval(ExprParser.parse(formula)), 1e-12);
    }

    @Test
    void latexFormula() {
        assertEquals("\\sigma\\left(\\sigma\\left(\\sigma\\left(I \\cdot w_{1} + b_{1}\\right) \\cdot w_{2} + b_{2}\\right) \\cdot w_{4}"
                + " + \\sigma\\left(\\sigma\\left(I \\cdot w_{1} + b_{1}\\right) \\cdot w_{3} + b_{3}\\right) \\cdot w_{5} + b_{4}\\right)",
                rhs(Run.nn("grad", SEED, "--formula", "--format", "latex"), "O"));
    }

    @Test
    void desmosDefinesSigmoidGivesEverySliderThenTheFormula() {
        Run r = Run.nn("grad", SEED, "--formula", "--format", "desmos");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("s(x)=\\frac{1}{1+e^{-x}}", "w_{1}=0.5", "b_{1}=1", "w_{2}=0.5", "w_{3}=0.5", "b_{2}=1", "b_{3}=1", "w_{4}=0.5",
                "w_{5}=0.5", "b_{4}=1", "I=1",
                "O=s\\left(s\\left(s\\left(I \\cdot w_{1} + b_{1}\\right) \\cdot w_{2} + b_{2}\\right) \\cdot w_{4} + s\\left(s\\left(I \\cdot w_{1}"
                        + " + b_{1}\\right) \\cdot w_{3} + b_{3}\\right) \\cdot w_{5} + b_{4}\\right)"),
                List.of(r.out().split("\n")));
        Run values = Run.nn("grad", SEED, "--formula", "--values", "--format", "desmos");
        assertEquals(0, values.code(), values.err());
        assertEquals(List.of("s(x)=\\frac{1}{1+e^{-x}}", "O=s\\left(s\\left(s\\left(1 \\cdot 0.5 + 1\\right) \\cdot 0.5 + 1\\right) \\cdot 0.5"
                + " + s\\left(s\\left(1 \\cdot 0.5 + 1\\right) \\cdot 0.5 + 1\\right) \\cdot 0.5 + 1\\right)"), List.of(values.out().split("\n")));
    }

    @Test
    void theLearnerWhoForgotTheWeightsIsToldWhichAndWhere() {
        Run r = Run.nn("grad", SEED, "--of", "output", "--explain", "w1", "--expect", LEARNER);
        assertEquals(0, r.code(), r.err());
        String out = r.out();
        assertTrue(out.contains("path h1>h2a>O: your term s'(z_O) · s'(z_h2a) · s'(z_h1) · I is missing w4, w2"), out);
        assertTrue(out.contains("path h1>h2b>O: your term s'(z_O) · s'(z_h2b) · s'(z_h1) · I is missing w5, w3"), out);
        assertTrue(out.contains("missing factors: w4 and w2 (path h1>h2a>O); w5 and w3 (path h1>h2b>O)"), out);
        assertTrue(out.contains("gives 0.00571675240882 ("), out);
        assertTrue(out.contains("(0.0014291881022047224)"), out);
    }

    @Test
    void theChainRuleItselfIsRight() {
        String right = "d(s(s(I*w1+1)*w2+1)*w4+s(s(I*w1+1)*w3+1)*w5+1)*(w4*d(s(I*w1+1)*w2+1)*w2*d(I*w1+1)*I + w5*d(s(I*w1+1)*w3+1)*w3*d(I*w1+1)*I)";
        Run r = Run.nn("grad", SEED, "--of", "output", "--explain", "w1", "--expect", right);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("path h1>h2a>O: s'(z_O) · w4 · s'(z_h2a) · w2 · s'(z_h1) · I: right"), r.out());
        assertTrue(r.out().contains("every path, every factor: your formula is the chain rule"), r.out());
        assertTrue(!r.out().contains("missing"), r.out());
    }

    /** The slider's rows, each a parameter setting: their gradients are those nn grad prints for that setting, bit for bit. */
    @Test
    void varyRowsAreNnGradAtEachValue() {
        Run r = Run.nn("grad", SEED, "--of", "output", "--vary", "w1=0:1:11", "--format", "csv");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals("w1,O,dO/dw1", lines[0]);
        assertEquals(12, lines.length, r.out());
        for (int i = 1; i < lines.length; i++) {
            String[] row = lines[i].split(",");
            assertEquals(3, row.length, lines[i]);
            assertEquals((i - 1) / 10.0, Double.parseDouble(row[0]), 1e-15);
            Run at = Run.nn("grad", SEED, "--of", "output", "model.layers[0].weights=" + row[0]);
            assertEquals(0, at.code(), at.err());
            String[] w1 = Arrays.stream(at.out().split("\n")).map(l -> l.split("\t")).filter(c -> c[1].equals("w1")).findFirst().orElseThrow();
            assertEquals(Double.parseDouble(row[0]), Double.parseDouble(w1[2]), 0.0, "w1's value");
            assertEquals(Double.doubleToLongBits(Double.parseDouble(w1[3])), Double.doubleToLongBits(Double.parseDouble(row[2])),
                    () -> "at w1 = " + row[0] + ": nn grad " + w1[3] + ", --vary " + row[2]);
        }
        assertEquals(SEED_O, Double.parseDouble(lines[6].split(",")[1]), 1e-12);
        assertEquals(GradCommandTest.SEED_DO_DW1, Double.parseDouble(lines[6].split(",")[2]), 1e-16);
    }

    @Test
    void varyWithCheckAndPlotWritesAPng() throws Exception {
        Path png = tmp.resolve("w1.png");
        Run r = Run.nn("grad", SEED, "--of", "output", "--vary", "w1=-2:2:9", "--check", "--plot", png.toString());
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals("w1\tO\tdO/dw1\tnumeric\tabs_err\tok", lines[0]);
        assertEquals(10, lines.length, r.out());
        for (int i = 1; i < lines.length; i++) assertTrue(lines[i].endsWith("\ttrue"), lines[i]);
        byte[] head = Arrays.copyOf(Files.readAllBytes(png), 8);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, head);
    }

    /** What bad input must get: exit 2, one line on stderr, nothing on stdout. */
    private static String badInput(String... args) {
        Run r = Run.nn(args);
        assertEquals(2, r.code(), () -> r.out() + r.err());
        assertEquals("", r.out());
        String err = r.err().strip();
        assertEquals(1, err.split("\n").length, err);
        assertTrue(err.startsWith("nn: "), err);
        return err;
    }

    @Test
    void anExpectFormulaThatDoesNotParseIsReportedAtItsColumn() {
        String err = badInput("grad", SEED, "--of", "output", "--explain", "w1", "--expect", "d(I*w1+1");
        assertTrue(err.startsWith("nn: --expect:1:9: "), err);
        assertTrue(err.contains("'(' at column 2"), err);
        assertTrue(badInput("grad", SEED, "--of", "output", "--explain", "w1", "--expect", "d(I*w1+1))").startsWith("nn: --expect:1:10: "));
        assertTrue(badInput("grad", SEED, "--of", "output", "--explain", "w1", "--expect", "s'x").startsWith("nn: --expect:1:3: "));
    }

    @Test
    void anUnknownNameInTheFormulaIsNamedWithTheClosest() {
        String err = badInput("grad", SEED, "--of", "output", "--explain", "w1", "--expect", "d(I*w9+1)*w2");
        assertTrue(err.startsWith("nn: --expect:1:5: unknown name 'w9' (did you mean w1?)"), err);
    }

    @Test
    void valuesGoWithFormula() {
        assertTrue(badInput("grad", SEED, "--values").contains("--values goes with --formula"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--explain", "--vary"})
    void formulaGoesAlone(String option) {
        String err = badInput("grad", SEED, "--formula", option, option.equals("--vary") ? "w1=0:1:3" : "w1");
        assertTrue(err.contains("--formula goes alone"), err);
    }

    @Test
    void aLayerThatIsNotDenseHasNoFormula() throws Exception {
        Path c = tmp.resolve("bn.yaml");
        Files.writeString(c, Files.readString(Path.of(SEED)).replace("    - {units: 2, activation: sigmoid, weights: 0.5, bias: 1.0}\n",
                "    - {units: 2, activation: sigmoid, weights: 0.5, bias: 1.0}\n    - {type: batch_norm}\n"));
        String err = badInput("grad", c.toString(), "--formula");
        assertTrue(err.contains("--formula: model.layers[2] (batch_norm) has no closed form"), err);
        assertTrue(err.contains("--explain PARAM"), err);
    }

    @Test
    void digitsBatchnormHasNoFormula() {
        String err = badInput("grad", Run.config("digits-batchnorm.yaml"), "--formula", "-q");
        assertTrue(err.contains("(batch_norm) has no closed form"), err);
    }

    @Test
    void aFormulaTooLargeToReadPointsToExplain() {
        String err = badInput("grad", Run.config("digits.yaml"), "--formula", "-q");
        assertTrue(err.startsWith("nn: --formula: this network's formula would have"), err);
        assertTrue(err.contains("--explain PARAM"), err);
    }

    @Test
    void desmosRefusesAnActivationItCannotTake() {
        String err = badInput("grad", SEED, "model.layers[0].activation=elu", "--formula", "--format", "desmos");
        assertTrue(err.contains("--format desmos: the activation elu has no Desmos form"), err);
        assertTrue(err.contains("--format latex or plain"), err);
        assertEquals(0, Run.nn("grad", SEED, "model.layers[0].activation=elu", "--formula", "--format", "latex").code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"w1=0:1", "w1", "w1=0:x:3", "w1=0:1:0", "w1=0:1:2.5", "=0:1:3"})
    void aMalformedVaryIsOneLine(String spec) {
        String err = badInput("grad", SEED, "--of", "output", "--vary", spec);
        assertTrue(err.startsWith("nn: --vary " + spec + ": "), err);
    }

    @Test
    void varyOfAnUnknownNameNamesTheClosest() {
        String err = badInput("grad", SEED, "--of", "output", "--vary", "w9=0:1:3");
        assertTrue(err.contains("w9") && err.contains("did you mean"), err);
    }
}
