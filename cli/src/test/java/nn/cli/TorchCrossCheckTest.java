package nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import nn.core.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * nn against PyTorch itself (tools/torch_check.py): the gradients of random networks for every activation and loss,
 * and three full-batch steps of every optimizer, in float64 (to 1e-10 and 1e-12) and in float32 against
 * torch.float32 (within float32 rounding: 1e-4 of the case's largest gradient or parameter). Skipped where python3
 * cannot import torch (Debian: apt-get install python3-torch).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TorchCrossCheckTest {
    private static final Path SCRIPT = Path.of("..", "tools", "torch_check.py");
    private static final String[] HIDDEN = {"identity", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "softplus", "silu", "gelu"};

    @TempDir
    Path tmp;

    /** One python process for the whole class: torch is imported once. */
    private Torch python;

    @BeforeAll
    void startTorch() throws Exception {
        python = Torch.start(SCRIPT);
    }

    @AfterAll
    void stopTorch() throws Exception {
        if (python == null) return;
        python.close();
    }

    /** A random network: its config text and what torch_check.py needs to rebuild it. */
    record Case(String yaml, Map<String, Object> spec, int rows) {}

    static Case randomCase(long seed, String lossName) {
        SplittableRandom r = new SplittableRandom(seed);
        int nin = 1 + r.nextInt(4), depth = 1 + r.nextInt(3), rows = 1 + r.nextInt(5);
        int nout = lossName.equals("cross_entropy") ? 2 + r.nextInt(3) : 1 + r.nextInt(3);
        String last = switch (lossName) {
            case "cross_entropy" -> "softmax";
            case "binary_cross_entropy" -> "sigmoid";
            default -> HIDDEN[r.nextInt(HIDDEN.length)];
        };
        StringBuilder y = new StringBuilder("name: torch\nseed: " + seed + "\nmodel:\n  inputs: " + nin + "\n  layers:\n");
        List<Map<String, Object>> layers = new ArrayList<>();
        int width = nin;
        for (int i = 0; i < depth; i++) {
            boolean isLast = i == depth - 1;
            int units = isLast ? nout : 1 + r.nextInt(5);
            String act = isLast ? last : HIDDEN[r.nextInt(HIDDEN.length)];
            Double alpha = act.equals("leaky_relu") ? Double.valueOf(0.1 + r.nextDouble() * 0.3)
                    : act.equals("elu") ? Double.valueOf(0.5 + r.nextDouble()) : null;
            boolean bias = r.nextInt(4) != 0;
            y.append("    - {units: ").append(units).append(", activation: ")
                    .append(alpha == null ? act : "{type: " + act + ", alpha: " + alpha + "}")
                    .append(", weights: {init: xavier_uniform, gain: 1.5}, bias: ").append(bias ? "{init: uniform, a: -0.5, b: 0.5}" : "false").append("}\n");
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("nin", width);
            l.put("nout", units);
            l.put("activation", act);
            l.put("alpha", alpha);
            l.put("bias", bias);
            layers.add(l);
            width = units;
        }
        List<List<Double>> x = new ArrayList<>(), t = new ArrayList<>();
        StringBuilder inline = new StringBuilder();
        for (int k = 0; k < rows; k++) {
            List<Double> xr = new ArrayList<>(), tr = new ArrayList<>();
            for (int i = 0; i < nin; i++) xr.add(r.nextDouble() * 4 - 2);
            if (lossName.equals("cross_entropy")) {
                double sum = 0;
                for (int j = 0; j < nout; j++) {
                    tr.add(r.nextDouble());
                    sum += tr.get(j);
                }
                for (int j = 0; j < nout; j++) tr.set(j, tr.get(j) / sum);
            } else {
                for (int j = 0; j < nout; j++) tr.add(lossName.equals("binary_cross_entropy") ? r.nextDouble() : r.nextDouble() * 2 - 1);
            }
            x.add(xr);
            t.add(tr);
            List<Double> row = new ArrayList<>(xr);
            row.addAll(tr);
            inline.append(k == 0 ? "" : ", ").append(row);
        }
        // normalize_targets: none, as torch is given the targets (an identity output would standardise them by default)
        y.append("loss: ").append(lossName).append("\ndata:\n  train:\n    normalize_targets: none\n    inline: [").append(inline).append("]\n");
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("layers", layers);
        spec.put("loss", lossName);
        spec.put("x", x);
        spec.put("t", t);
        return new Case(y.toString(), spec, rows);
    }

    static Stream<Object[]> gradientCases() {
        List<String> losses = List.of("mse", "mae", "cross_entropy", "binary_cross_entropy");
        return IntStream.range(0, 24).mapToObj(i -> new Object[] {(long) i + 1, losses.get(i % losses.size())});
    }

    @ParameterizedTest(name = "seed {0}, {1}")
    @MethodSource("gradientCases")
    void gradientsMatchTorch(long seed, String loss) throws Exception {
        Case c = randomCase(seed, loss);
        Path config = tmp.resolve("c.yaml");
        Files.writeString(config, c.yaml());
        Run g = Run.nn("grad", config.toString(), "--format", "jsonl");
        assertEquals(0, g.code(), g.err());
        List<Map<?, ?>> rows = rows(g.out());
        c.spec().put("params", params(rows, "value"));
        Map<?, ?> torch = (Map<?, ?>) python.ask(c.spec()).get("grads");
        Map<String, List<Double>> expected = flatten(torch);
        for (Map<?, ?> row : rows) {
            double ours = Json.real(row.get("grad"));
            double theirs = expected.get(base((String) row.get("param"))).get(index(row, rows));
            assertClose(theirs, ours, 1e-10, row.get("param") + " of\n" + c.yaml());
        }
    }

    /** float32: nn's float32 network (its layers' own float32 path) against torch.float32 autograd. */
    @ParameterizedTest(name = "seed {0}, {1}")
    @MethodSource("gradientCases")
    void float32GradientsMatchTorchFloat32(long seed, String loss) throws Exception {
        Case c = randomCase(seed, loss);
        Path config = tmp.resolve("c.yaml");
        Files.writeString(config, c.yaml());
        nn.core.train.Experiment e = nn.core.train.Experiment.prepare(nn.core.train.Config.load(config, List.of("dtype=float32"),
                nn.core.train.Plugins.load(getClass().getClassLoader())), System.in);
        nn.core.train.Network net = e.network();
        assertEquals(nn.core.tensor.DType.FLOAT32, net.dtype());
        net.zeroGrad();
        double[] y = net.forward(e.train().x(), c.rows(), false);
        e.loss().gradient(y, e.train().y(), net.outputGrad(), c.rows(), net.nout());
        net.backward(c.rows());
        List<Map<?, ?>> rows = new ArrayList<>();
        for (nn.core.train.Gradients.Element el : nn.core.train.Gradients.elements(net)) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("param", el.param());
            r.put("value", el.value());
            r.put("grad", el.grad());
            rows.add(r);
        }
        c.spec().put("params", params(rows, "value"));
        c.spec().put("dtype", "float32");
        Map<String, List<Double>> expected = flatten((Map<?, ?>) python.ask(c.spec()).get("grads"));
        double scale = 0;
        for (List<Double> g : expected.values()) for (double v : g) scale = Math.max(scale, Math.abs(v));
        for (Map<?, ?> row : rows) {
            double ours = (Double) row.get("grad");
            double theirs = expected.get(base((String) row.get("param"))).get(index(row, rows));
            assertTrue(Math.abs(theirs - ours) <= 1e-4 * scale + 1e-30, row.get("param") + ": torch.float32 " + theirs
                    + ", nn float32 " + ours + " (largest gradient " + scale + ") of\n" + c.yaml());
        }
    }

    static Stream<Object[]> optimizerCases() {
        return Stream.of(
                new Object[] {"{type: sgd, learning_rate: 0.1}"},
                new Object[] {"{type: sgd, learning_rate: 0.1, momentum: 0.9, dampening: 0.1, weight_decay: 0.01}"},
                new Object[] {"{type: sgd, learning_rate: 0.1, momentum: 0.9, nesterov: true}"},
                new Object[] {"{type: adam, learning_rate: 0.01}"},
                new Object[] {"{type: adam, learning_rate: 0.01, weight_decay: 0.1, amsgrad: true}"},
                new Object[] {"{type: adamw, learning_rate: 0.01}"},
                new Object[] {"{type: rmsprop, learning_rate: 0.01}"},
                new Object[] {"{type: rmsprop, learning_rate: 0.01, momentum: 0.5, centered: true, weight_decay: 0.01}"},
                new Object[] {"{type: adagrad, learning_rate: 0.1, lr_decay: 0.01, initial_accumulator_value: 0.1}"});
    }

    static Stream<Object[]> optimizerCasesInBothTypes() {
        return optimizerCases().flatMap(o -> Stream.of(new Object[] {o[0], "float64"}, new Object[] {o[0], "float32"}));
    }

    /**
     * Three full-batch steps of nn train against torch.optim's: in float64 to 1e-12 relative; in float32 (nn's float32
     * layers with float64 master weights, torch.float32 throughout) within 1e-5 of the largest parameter.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("optimizerCasesInBothTypes")
    void threeStepsMatchTorch(String optimizer, String dtype) throws Exception {
        Case c = randomCase(optimizer.hashCode(), "mse");
        Path config = tmp.resolve("c.yaml");
        Files.writeString(config, c.yaml() + "dtype: " + dtype + "\noptimizer: " + optimizer + "\ntraining: {epochs: 3, batch_size: "
                + c.rows() + ", shuffle: false}\n");
        Run g = Run.nn("grad", config.toString(), "--format", "jsonl");
        assertEquals(0, g.code(), g.err());
        c.spec().put("params", params(rows(g.out()), "value"));
        Path run = tmp.resolve("run-" + dtype);
        Run t = Run.nn("train", config.toString(), "--checkpoint-dir", run.toString(), "--summary", "none", "-q");
        assertEquals(0, t.code(), t.err());
        Run inspect = Run.nn("inspect", run.resolve("last.ckpt").toString(), "--params", "--format", "jsonl");
        List<Map<?, ?>> after = rows(inspect.out());
        c.spec().put("optimizer", new LinkedHashMap<>(castMap(nn.core.config.Yaml.parse(optimizer, "test", 0).plain())));
        c.spec().put("steps", 3);
        c.spec().put("dtype", dtype);
        Map<String, List<Double>> expected = flatten((Map<?, ?>) python.ask(c.spec()).get("params"));
        double scale = 0;
        for (List<Double> p : expected.values()) for (double v : p) scale = Math.max(scale, Math.abs(v));
        for (Map<?, ?> row : after) {
            double ours = Json.real(row.get("value"));
            double theirs = expected.get(base((String) row.get("param"))).get(index(row, after));
            String what = row.get("param") + " with " + optimizer + " in " + dtype;
            if (dtype.equals("float64")) assertClose(theirs, ours, 1e-12, what);
            else assertTrue(Math.abs(theirs - ours) <= 1e-5 * scale, what + ": torch " + theirs + ", nn " + ours + " (largest parameter " + scale + ")");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }

    private static void assertClose(double expected, double actual, double rtol, String what) {
        assertTrue(Math.abs(expected - actual) <= 1e-15 + rtol * Math.max(Math.abs(expected), Math.abs(actual)),
                what + ": torch " + expected + ", nn " + actual);
    }

    private static List<Map<?, ?>> rows(String jsonl) {
        List<Map<?, ?>> out = new ArrayList<>();
        for (String line : jsonl.split("\n")) if (!line.isBlank()) out.add((Map<?, ?>) Json.read(line));
        return out;
    }

    /** layers.0.weight[1,2] -> layers.0.weight */
    private static String base(String param) {
        return param.substring(0, param.indexOf('['));
    }

    /** The flat row-major index of a row within its tensor: its position among the rows of the same tensor. */
    private static int index(Map<?, ?> row, List<Map<?, ?>> all) {
        String b = base((String) row.get("param"));
        int i = 0;
        for (Map<?, ?> r : all) {
            if (r == row) return i;
            if (base((String) r.get("param")).equals(b)) i++;
        }
        throw new IllegalStateException();
    }

    /** Tensors as nested lists (matrix rows, or a vector), rebuilt from nn's rows. */
    private static Map<String, Object> params(List<Map<?, ?>> rows, String column) {
        Map<String, List<Double>> flat = new LinkedHashMap<>();
        Map<String, Integer> cols = new LinkedHashMap<>();
        for (Map<?, ?> r : rows) {
            String p = (String) r.get("param");
            flat.computeIfAbsent(base(p), k -> new ArrayList<>()).add(Json.real(r.get(column)));
            String idx = p.substring(p.indexOf('[') + 1, p.length() - 1);
            if (idx.contains(",")) cols.put(base(p), Integer.parseInt(idx.split(",")[1]) + 1);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        flat.forEach((k, v) -> {
            if (!cols.containsKey(k)) {
                out.put(k, v);
                return;
            }
            int w = cols.get(k);
            List<List<Double>> m = new ArrayList<>();
            for (int i = 0; i < v.size(); i += w) m.add(v.subList(i, i + w));
            out.put(k, m);
        });
        return out;
    }

    private static Map<String, List<Double>> flatten(Map<?, ?> tensors) {
        Map<String, List<Double>> out = new LinkedHashMap<>();
        tensors.forEach((k, v) -> {
            List<Double> f = new ArrayList<>();
            for (Object o : (List<?>) v) {
                if (o instanceof List<?> row) for (Object e : row) f.add(Json.real(e));
                else f.add(Json.real(o));
            }
            out.put((String) k, f);
        });
        return out;
    }

}
