package nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import nn.core.Json;
import nn.core.train.Plugins;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code nn plugins --check NAME}: every built-in provider passes; providers with one deliberate mistake each fail,
 * naming the parameter. The test providers are compiled here into a jar of their own and loaded with
 * {@code --plugins}, as a plugin author's are, so no other test sees them on its class path.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PluginsCheckTest {
    private static final String HEADER = "kind,name,check,param,analytic,numeric,abs_err,rel_err,ok";

    private Path jar;

    static Stream<String> builtIns() {
        TreeSet<String> names = new TreeSet<>();
        for (var r : Plugins.load(Nn.class.getClassLoader()).all()) names.addAll(r.names());
        return names.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtIns")
    void everyBuiltInProviderPasses(String name) {
        Run r = Run.nn("plugins", "--check", name, "--format", "csv");
        assertEquals("", r.err());
        assertEquals(0, r.code(), r.out());
        List<String> lines = r.out().lines().toList();
        assertEquals(HEADER, lines.get(0));
        assertTrue(lines.size() > 5, () -> "too few checks: " + r.out());
        for (String line : lines.subList(1, lines.size())) {
            assertTrue(line.endsWith(",true"), () -> "failed: " + line);
            assertTrue(line.contains("," + name + ","), () -> "another provider's row: " + line);
        }
    }

    /** Every kind's checks are there, and the derivative rows of each are against central differences. */
    @Test
    void eachKindMakesItsChecks() {
        assertEquals(List.of("backward", "backward_special", "network"), checks("sigmoid"));
        assertEquals(List.of("gradient"), checks("mse"));
        assertEquals(List.of("gradient", "fused_gradient", "fused_value"), checks("cross_entropy"));
        assertEquals(List.of("train_repeatable", "train", "from_z", "eval"), checks("dense"));
        assertEquals(List.of("train_repeatable", "train", "eval", "eval_keeps_buffers"), checks("batch_norm"));
        assertEquals(List.of("against_gradient", "leaves_grads", "descent", "deterministic", "state_round_trip", "resume"), checks("adam"));
        assertEquals(List.of("finite", "deterministic", "index_order", "seeds_differ", "moments"), checks("xavier_uniform"));
    }

    /** The check names of one provider's rows, in order of first appearance. */
    private static List<String> checks(String name) {
        Run r = Run.nn("plugins", "--check", name, "--format", "tsv");
        assertEquals(0, r.code(), r.err());
        return r.out().lines().skip(1).map(l -> l.split("\t")[2]).distinct().toList();
    }

    @Test
    void denseChecksEveryParameterAndTheInput() {
        Run r = Run.nn("plugins", "--check", "dense", "--format", "tsv");
        List<String> train = r.out().lines().filter(l -> l.split("\t")[2].equals("train")).map(l -> l.split("\t")[3]).toList();
        // 4 inputs → dense(units 3, the required parameter's value) → dense(3), 4 rows of 4 inputs
        assertEquals(3 * 4 + 3 + 3 * 3 + 3 + 4 * 4, train.size(), train::toString);
        assertTrue(train.containsAll(List.of("layers.0.weight[2,3]", "layers.0.bias[2]", "layers.1.weight[2,2]", "layers.1.bias[0]", "x[3,3]")), train::toString);
    }

    /** relu at 0: central differences average the two slopes; the one-sided derivative is accepted and marked. */
    @Test
    void aKinkAcceptsAOneSidedDerivative() {
        Run r = Run.nn("plugins", "--check", "relu", "--format", "tsv");
        assertEquals(0, r.code());
        String atZero = r.out().lines().filter(l -> l.contains("\tz[0,0]=0.0")).findFirst().orElseThrow();
        assertEquals(List.of("activation", "relu", "backward_special", "z[0,0]=0.0 (kink)"), Arrays.asList(atZero.split("\t")).subList(0, 4));
        assertTrue(atZero.endsWith("\ttrue"));
    }

    @Test
    void textIsAlignedColumnsWithAHeader() {
        Run r = Run.nn("plugins", "--check", "sigmoid");
        assertEquals(0, r.code());
        List<String> lines = r.out().lines().toList();
        assertEquals(List.of("kind", "name", "check", "param", "analytic", "numeric", "abs_err", "rel_err", "ok"), List.of(lines.get(0).trim().split(" +")));
        int ok = lines.get(0).indexOf("ok");
        for (String l : lines) {
            assertEquals(ok, l.lastIndexOf(' ') + 1, () -> "ok column not aligned: " + l);
            assertTrue(l.startsWith("activation  sigmoid  ") || l.startsWith("kind"), l);
        }
    }

    @Test
    void jsonRowsHaveTheColumns() {
        Run r = Run.nn("plugins", "--check", "mse", "--format", "json");
        assertEquals(0, r.code(), r.err());
        List<?> rows = (List<?>) Json.read(r.out());
        assertEquals(9, rows.size()); // a 3 × 3 batch
        Map<?, ?> first = (Map<?, ?>) rows.get(0);
        assertEquals(List.of(HEADER.split(",")), List.copyOf(first.keySet()));
        assertEquals("y[0,0]", first.get("param"));
        assertEquals(true, first.get("ok"));
    }

    @Test
    void anUnknownNameIsBadInputWithTheClosestName() {
        Run r = Run.nn("plugins", "--check", "sigmiod");
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("nn: plugins --check: unknown provider 'sigmiod' (did you mean sigmoid? known: adagrad, adam,"), r.err());
    }

    @Test
    void checkOptionsWithoutCheckAreBadInput() {
        Run r = Run.nn("plugins", "--rtol", "0.1");
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertEquals("nn: --rtol goes with --check NAME\n", r.err().replace("\r\n", "\n"));
    }

    // ---- providers compiled into a jar here --------------------------------------------------------------------

    /** Each test provider: its class and source. Every one but swish has one deliberate mistake. */
    private static final Map<String, String> SOURCES = new LinkedHashMap<>();

    static {
        SOURCES.put("checkplugins.BrokenSigmoidProvider", """
                package checkplugins;
                import nn.core.spi.*;
                /** Sigmoid whose derivative is 10 % too large. */
                public final class BrokenSigmoidProvider implements ActivationProvider {
                    public String name() { return "broken_sigmoid"; }
                    public String doc() { return "f(z) = 1/(1 + e^-z), f' 10 % too large"; }
                    public Activation create(Params p) {
                        return new Activation() {
                            public void forward(double[] z, double[] out, int rows, int cols) {
                                for (int i = 0; i < rows * cols; i++) out[i] = 1 / (1 + Math.exp(-z[i]));
                            }
                            public void backward(double[] z, double[] out, double[] dout, double[] dz, int rows, int cols) {
                                for (int i = 0; i < rows * cols; i++) dz[i] = 1.1 * dout[i] * out[i] * (1 - out[i]);
                            }
                        };
                    }
                }
                """);
        SOURCES.put("checkplugins.NoBiasGradProvider", """
                package checkplugins;
                import java.util.List;
                import nn.core.spi.*;
                /** A dense layer y = x·Wᵀ + b whose backward forgets ∂L/∂b. */
                public final class NoBiasGradProvider implements LayerProvider {
                    public String name() { return "no_bias_grad"; }
                    public String doc() { return "y = x·Wᵀ + b, without ∂L/∂b"; }
                    public List<Param> params() { return List.of(Param.requiredInteger("units", "output units")); }
                    public Layer create(LayerSpec spec) {
                        int units = (int) spec.params().integer("units", 1, 1000), nin = spec.nin();
                        Parameter w = new Parameter("weight", units, nin), b = new Parameter("bias", units);
                        for (int i = 0; i < w.size(); i++) w.data()[i] = 0.5 * Math.sin(i + 1);
                        for (int i = 0; i < b.size(); i++) b.data()[i] = 0.1 * (i + 1);
                        return new Layer() {
                            public int nin() { return nin; }
                            public int nout() { return units; }
                            public List<Parameter> parameters() { return List.of(w, b); }
                            public void allocate(int maxBatch) { }
                            public void forward(double[] x, double[] out, int n, boolean training) {
                                for (int r = 0; r < n; r++) for (int u = 0; u < units; u++) {
                                    double s = b.data()[u];
                                    for (int k = 0; k < nin; k++) s += x[r * nin + k] * w.data()[u * nin + k];
                                    out[r * units + u] = s;
                                }
                            }
                            public void backward(double[] x, double[] out, double[] dout, double[] dx, int n) {
                                for (int r = 0; r < n; r++) for (int u = 0; u < units; u++) {
                                    for (int k = 0; k < nin; k++) w.grad()[u * nin + k] += dout[r * units + u] * x[r * nin + k];
                                }
                                if (dx == null) return;
                                for (int r = 0; r < n; r++) for (int k = 0; k < nin; k++) {
                                    double s = 0;
                                    for (int u = 0; u < units; u++) s += dout[r * units + u] * w.data()[u * nin + k];
                                    dx[r * nin + k] = s;
                                }
                            }
                        };
                    }
                }
                """);
        SOURCES.put("checkplugins.HalfMseProvider", """
                package checkplugins;
                import nn.core.spi.*;
                /** Mean squared error whose gradient lacks the factor 2. */
                public final class HalfMseProvider implements LossProvider {
                    public String name() { return "half_mse"; }
                    public String doc() { return "L = Σ (y - t)² / n, gradient without its factor 2"; }
                    public Loss create(Params p) {
                        return new Loss() {
                            public double value(double[] y, double[] t, int rows, int cols) {
                                double s = 0;
                                for (int i = 0; i < rows * cols; i++) s += (y[i] - t[i]) * (y[i] - t[i]);
                                return s / (rows * cols);
                            }
                            public void gradient(double[] y, double[] t, double[] dy, int rows, int cols) {
                                for (int i = 0; i < rows * cols; i++) dy[i] = (y[i] - t[i]) / (rows * cols);
                            }
                        };
                    }
                }
                """);
        SOURCES.put("checkplugins.ForgetfulProvider", """
                package checkplugins;
                import java.util.List;
                import java.util.Map;
                import nn.core.spi.*;
                /** SGD with momentum whose velocity is not in state(): a checkpoint loses it. */
                public final class ForgetfulProvider implements OptimizerProvider {
                    public String name() { return "forgetful"; }
                    public String doc() { return "v = μv + g, θ -= lr·v, v kept outside state()"; }
                    public List<Param> params() {
                        return List.of(Param.real("learning_rate", 0.01, "step size"), Param.real("momentum", 0.9, "momentum μ"));
                    }
                    public Optimizer create(Params p, List<Parameter> params) {
                        double lr0 = p.realAbove("learning_rate", 0, 1e9), mu = p.real("momentum", 0, 1);
                        double[][] v = new double[params.size()][];
                        for (int k = 0; k < v.length; k++) v[k] = new double[params.get(k).size()];
                        return new Optimizer() {
                            public double learningRate() { return lr0; }
                            public void step(double lr) {
                                for (int k = 0; k < v.length; k++) {
                                    Parameter q = params.get(k);
                                    for (int i = 0; i < q.size(); i++) {
                                        v[k][i] = mu * v[k][i] + q.grad()[i];
                                        q.data()[i] -= lr * v[k][i];
                                    }
                                }
                            }
                            public Map<String, double[]> state() { return Map.of(); }
                        };
                    }
                }
                """);
        SOURCES.put("checkplugins.UnseededProvider", """
                package checkplugins;
                import nn.core.spi.*;
                /** Uniform draws shifted by how many fills came before: the same seed gives other values. */
                public final class UnseededProvider implements InitializerProvider {
                    public String name() { return "unseeded"; }
                    public String doc() { return "w ~ U(-1, 1) + fills so far"; }
                    public Initializer create(Params p) {
                        int[] fills = {0};
                        return (w, fanIn, fanOut, rng) -> {
                            fills[0]++;
                            for (int i = 0; i < w.length; i++) w[i] = rng.uniform(-1, 1) + fills[0];
                        };
                    }
                }
                """);
        SOURCES.put("checkplugins.SwishProvider", """
                package checkplugins;
                import java.util.List;
                import nn.core.spi.*;
                /** Swish, correct: f(z) = z·σ(βz). */
                public final class SwishProvider implements ActivationProvider {
                    public String name() { return "swish"; }
                    public String doc() { return "f(z) = z·σ(βz)"; }
                    public List<Param> params() { return List.of(Param.real("beta", 1.0, "β")); }
                    public Activation create(Params p) {
                        double beta = p.real("beta", 0, 100);
                        return new Activation() {
                            public void forward(double[] z, double[] out, int rows, int cols) {
                                for (int i = 0; i < rows * cols; i++) out[i] = z[i] / (1 + Math.exp(-beta * z[i]));
                            }
                            public void backward(double[] z, double[] out, double[] dout, double[] dz, int rows, int cols) {
                                for (int i = 0; i < rows * cols; i++) {
                                    double s = 1 / (1 + Math.exp(-beta * z[i]));
                                    dz[i] = dout[i] * (s + beta * z[i] * s * (1 - s));
                                }
                            }
                        };
                    }
                }
                """);
        SOURCES.put("checkplugins.SwishLayerProvider", """
                package checkplugins;
                import java.util.List;
                import nn.core.spi.*;
                /** A layer of the same name, correct: y = x·σ(x) per element, no parameters. */
                public final class SwishLayerProvider implements LayerProvider {
                    public String name() { return "swish"; }
                    public String doc() { return "y = x·σ(x) per element"; }
                    public Layer create(LayerSpec spec) {
                        int width = spec.nin();
                        return new Layer() {
                            public int nin() { return width; }
                            public int nout() { return width; }
                            public List<Parameter> parameters() { return List.of(); }
                            public void allocate(int maxBatch) { }
                            public void forward(double[] x, double[] out, int n, boolean training) {
                                for (int i = 0; i < n * width; i++) out[i] = x[i] / (1 + Math.exp(-x[i]));
                            }
                            public void backward(double[] x, double[] out, double[] dout, double[] dx, int n) {
                                if (dx == null) return;
                                for (int i = 0; i < n * width; i++) {
                                    double s = 1 / (1 + Math.exp(-x[i]));
                                    dx[i] = dout[i] * (s + x[i] * s * (1 - s));
                                }
                            }
                        };
                    }
                }
                """);
    }

    private static final Map<String, List<String>> SERVICES = Map.of(
            "nn.core.spi.ActivationProvider", List.of("checkplugins.BrokenSigmoidProvider", "checkplugins.SwishProvider"),
            "nn.core.spi.LayerProvider", List.of("checkplugins.NoBiasGradProvider", "checkplugins.SwishLayerProvider"),
            "nn.core.spi.LossProvider", List.of("checkplugins.HalfMseProvider"),
            "nn.core.spi.OptimizerProvider", List.of("checkplugins.ForgetfulProvider"),
            "nn.core.spi.InitializerProvider", List.of("checkplugins.UnseededProvider"));

    /** Compiles {@link #SOURCES} against nn's class path and jars them with their META-INF/services lines. */
    @BeforeAll
    void buildJar(@TempDir Path dir) throws IOException {
        Map<String, String> services = new java.util.LinkedHashMap<>();
        SERVICES.forEach((k, v) -> services.put(k, String.join("\n", v)));
        jar = PluginJar.build(dir, "check-plugins", SOURCES, services, 0);
    }

    private Run check(String name, String... more) {
        List<String> args = new ArrayList<>(List.of("plugins", "--check", name, "--plugins", jar.toString(), "--format", "tsv"));
        args.addAll(List.of(more));
        return Run.nn(args.toArray(String[]::new));
    }

    /** The rows of a tsv output, each split into its columns. */
    private static List<String[]> rows(Run r) {
        return r.out().lines().skip(1).map(l -> l.split("\t", -1)).toList();
    }

    /**
     * Each broken provider fails, and the last stderr line names its kind, the check and the first parameter that
     * failed, with the analytic and numeric values.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "broken_sigmoid | activation broken_sigmoid backward z[0,0]: analytic ",
            "no_bias_grad   | layer no_bias_grad train layers.0.bias[0]: analytic 0.0, numeric ",
            "half_mse       | loss half_mse gradient y[0,0]: analytic ",
            "forgetful      | optimizer forgetful state_round_trip weight: analytic ",
            "unseeded       | initializer unseeded deterministic fan_in 8 fan_out 5: analytic 40.0, numeric 0.0"})
    void aBrokenProviderFailsNamingTheParameter(String name, String first) {
        Run r = check(name);
        assertEquals(1, r.code(), r.out());
        List<String> err = r.err().lines().toList();
        assertEquals(1, err.size(), r.err());
        List<String[]> rows = rows(r);
        long failed = rows.stream().filter(c -> c[8].equals("false")).count();
        assertTrue(failed > 0);
        String prefix = "nn: plugins --check " + name + ": " + failed + " of " + rows.size() + " checks failed (first: " + first;
        assertTrue(err.get(0).startsWith(prefix), () -> "expected " + prefix + "\nfound    " + err.get(0));
        assertTrue(err.get(0).endsWith("; atol 1.0E-7, rtol 1.0E-5, eps 1.0E-6)"), err.get(0));
    }

    /** Only the bias is wrong: every weight's and input's gradient passes, every bias element of the layer fails. */
    @Test
    void theDroppedBiasGradientIsTheOnlyFailure() {
        List<String[]> rows = rows(check("no_bias_grad"));
        List<String> failed = rows.stream().filter(c -> c[8].equals("false")).map(c -> c[2] + " " + c[3]).toList();
        assertEquals(List.of("train layers.0.bias[0]", "train layers.0.bias[1]", "train layers.0.bias[2]",
                "eval layers.0.bias[0]", "eval layers.0.bias[1]", "eval layers.0.bias[2]"), failed);
        assertTrue(rows.stream().anyMatch(c -> c[3].equals("layers.0.weight[2,3]") && c[8].equals("true")));
    }

    /** The 10 % error is in every row that goes through f': all of backward, and the first layer's network rows. */
    @Test
    void theWrongDerivativeFailsWhereverItIsUsed() {
        List<String[]> rows = rows(check("broken_sigmoid"));
        for (String[] c : rows) {
            boolean throughFPrime = !c[2].equals("network") || c[3].startsWith("layers.0.");
            double analytic = Double.parseDouble(c[4]), numeric = Double.parseDouble(c[5]);
            if (Math.abs(numeric) > 1e-4) assertEquals(throughFPrime ? "false" : "true", c[8], () -> String.join(" ", c));
            if (throughFPrime && Math.abs(numeric) > 1e-4) assertEquals(1.1, analytic / numeric, 1e-4, () -> String.join(" ", c));
        }
    }

    /** With --rtol 0.2 a derivative 10 % off is within tolerance. */
    @Test
    void toleranceOptionsApply() {
        Run r = check("broken_sigmoid", "--rtol", "0.2");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
    }

    /** A name that is an activation and a layer: both are checked, and both pass. */
    @Test
    void aNameOfTwoKindsChecksBoth() {
        Run r = check("swish");
        assertEquals(0, r.code(), r.err());
        List<String[]> rows = rows(r);
        assertEquals(List.of("layer", "activation"), rows.stream().map(c -> c[0]).distinct().toList());
        assertTrue(rows.stream().allMatch(c -> c[8].equals("true")));
        assertTrue(rows.stream().anyMatch(c -> c[0].equals("layer") && c[2].equals("train") && c[3].equals("x[3,3]")));
    }

    /** Without --plugins the test providers do not exist, and the listing without --check is unchanged by the option. */
    @Test
    void withoutThePluginTheNameIsUnknown() {
        Run r = Run.nn("plugins", "--check", "broken_sigmoid");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("nn: plugins --check: unknown provider 'broken_sigmoid' (known: adagrad, "), r.err());
        Run list = Run.nn("plugins", "--plugins", jar.toString());
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("broken_sigmoid"));
        assertFalse(list.out().contains("abs_err"));
    }
}
