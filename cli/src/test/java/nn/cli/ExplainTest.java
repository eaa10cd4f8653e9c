package nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import nn.core.explain.Explain;
import nn.core.explain.ParamRef;
import nn.core.train.Config;
import nn.core.train.Experiment;
import nn.core.train.Gradients;
import nn.core.train.Network;
import nn.core.train.Plugins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExplainTest {
    private static final Path SEED = Path.of("..", "configs", "seed.yaml");

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Nn.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void seedOutputIsTheSumOverBothPaths() {
        Run r = run("grad", SEED.toString(), "--of", "output", "--explain", "w1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\ndO/dw1 = s'(z_O) · [ w4 · s'(z_h2a) · w2 · s'(z_h1) · I  +  w5 · s'(z_h2b) · w3 · s'(z_h1) · I ]\n"), r.out());
        String[] lines = r.out().strip().split("\n");
        assertTrue(lines[lines.length - 1].matches("dO/dw1 = 0\\.0014291881022047\\d*"), lines[lines.length - 1]);
    }

    @Test
    void aParamPathNamesTheSameElement() {
        Run r = run("grad", SEED.toString(), "--of", "output", "--explain", "layers.0.weight[0,0]");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().strip().endsWith("dO/dw1 = 0.0014291881022047224"), r.out());
    }

    @Test
    void expectNamesTheDroppedWeightFactors() {
        Run r = run("grad", SEED.toString(), "--of", "output", "--explain", "w1", "--expect", "0.00571675240882");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("expect 0.00571675240882 is what you get without the weight factors w4·w2 and w5·w3\n"), r.out());
        assertTrue(r.out().contains("mistaken: dO/dw1 = s'(z_O) · [ s'(z_h2a) · s'(z_h1) · I  +  s'(z_h2b) · s'(z_h1) · I ]"), r.out());
    }

    @Test
    void expectTheTrueValueIsRight() {
        Run r = run("grad", SEED.toString(), "--of", "output", "--explain", "w1", "--expect", "0.0014291881022047");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("expect 0.0014291881022047: right"), r.out());
    }

    @Test
    void expectAValueNoMistakeGivesSaysSo() {
        Run r = run("grad", SEED.toString(), "--of", "output", "--explain", "w1", "--expect", "42");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("expect 42.0: no usual mistake reproduces this value"), r.out());
    }

    @Test
    void unknownParameterExits2WithTheValidNames() {
        Run r = run("grad", SEED.toString(), "--of", "output", "--explain", "w9");
        assertEquals(2, r.code());
        assertEquals("nn: --explain: unknown parameter 'w9' (did you mean w1? known: w1, b1, w2, w3, b2, b3, w4, w5, b4,"
                + " or a path such as layers.0.weight[0,0])\n", r.err());
    }

    @Test
    void latexHasBalancedBraces() {
        Run r = run("grad", SEED.toString(), "--of", "output", "--explain", "w1", "--format", "latex");
        assertEquals(0, r.code(), r.err());
        String tex = r.out().lines().filter(l -> l.startsWith("\\frac")).findFirst().orElseThrow();
        assertTrue(tex.startsWith("\\frac{\\partial O}{\\partial w_{1}} = \\sigma'(z_{O}) \\cdot \\left[ w_{4} \\cdot"), tex);
        int depth = 0;
        for (char c : tex.toCharArray()) {
            if (c == '{') depth++;
            if (c == '}') depth--;
            assertTrue(depth >= 0, tex);
        }
        assertEquals(0, depth, tex);
        assertEquals(tex.split("\\\\left\\[", -1).length, tex.split("\\\\right]", -1).length, tex);
    }

    @Test
    void deltaFormEndsWithTheSameGradient() {
        Run r = run("grad", SEED.toString(), "--of", "output", "--explain", "w1", "--max-paths", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("δ_h1"), r.out());
        assertTrue(r.out().strip().endsWith("dO/dw1 = 0.0014291881022047224"), r.out());
    }

    /** A random dense stack: widths 1–3, depths 1–3, activations among sigmoid, tanh, identity and elu; 3 rows. */
    private static Path randomConfig(Path dir, long seed) throws Exception {
        Random rnd = new Random(seed);
        String[] acts = {"sigmoid", "tanh", "identity", "elu"};
        int nin = 1 + rnd.nextInt(3), depth = 1 + rnd.nextInt(3), nout = 0;
        StringBuilder y = new StringBuilder("seed: " + seed + "\nmodel:\n  inputs: " + nin + "\n  layers:\n");
        for (int i = 0; i < depth; i++) {
            nout = 1 + rnd.nextInt(3);
            y.append("    - {units: ").append(nout).append(", activation: ").append(acts[rnd.nextInt(acts.length)])
                    .append(", weights: {init: normal, std: 1.0}, bias: {init: normal, std: 1.0}}\n");
        }
        y.append("loss: mse\ndata:\n  train:\n    inline: [");
        for (int r = 0; r < 3; r++) {
            y.append(r == 0 ? "[" : ", [");
            for (int c = 0; c < nin + nout; c++) y.append(c == 0 ? "" : ", ").append(rnd.nextGaussian());
            y.append("]");
        }
        y.append("]\n");
        Path f = dir.resolve("random" + seed + ".yaml");
        Files.writeString(f, y.toString());
        return f;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void explainTotalsEqualBackpropOnRandomNetworks(long seed, @TempDir Path dir) throws Exception {
        Path f = randomConfig(dir, seed);
        Config c = Config.load(f, List.of(), Plugins.load(ExplainTest.class.getClassLoader()));
        Experiment e = Experiment.prepare(c, System.in);
        Network net = e.network();
        int k = (int) (seed % net.nout());
        double[] x = new double[net.nin()];
        System.arraycopy(e.train().x(), 0, x, 0, net.nin());
        List<Gradients.Target> targets = List.of(new Gradients.OfOutput(x, k),
                new Gradients.OfLoss(e.loss(), e.train().x(), e.train().y(), e.train().n()));
        for (Gradients.Target t : targets) {
            Gradients.backprop(net, t);
            List<Gradients.Row> rows = Gradients.rows(net);
            List<ParamRef> refs = ParamRef.all(net);
            for (int i = 0; i < rows.size(); i++) {
                double want = rows.get(i).grad();
                for (int maxPaths : new int[] {64, 0}) {
                    Explain ex = Explain.of(net, t, refs.get(i).name(), maxPaths);
                    assertEquals(maxPaths > 0, ex.byPaths());
                    double got = ex.total();
                    assertTrue(Math.abs(got - want) <= 1e-12 * Math.max(Math.abs(got), Math.abs(want)) + 1e-300,
                            "seed " + seed + " " + t.getClass().getSimpleName() + " " + rows.get(i).name() + " max-paths " + maxPaths
                                    + ": explain " + got + " vs backprop " + want);
                }
            }
        }
    }

    @Test
    void explainCommandTotalEqualsGradRow(@TempDir Path dir) throws Exception {
        Path f = randomConfig(dir, 7);
        Run grad = run("grad", f.toString(), "--of", "loss");
        String[] last = grad.out().strip().split("\n");
        String[] cols = last[last.length - 1].split("\t");
        Run r = run("grad", f.toString(), "--of", "loss", "--explain", cols[1]);
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\n");
        double got = Double.parseDouble(lines[lines.length - 1].replaceAll(".* = ", ""));
        double want = Double.parseDouble(cols[3]);
        assertTrue(Math.abs(got - want) <= 1e-12 * Math.abs(want), got + " vs " + want);
    }
}
