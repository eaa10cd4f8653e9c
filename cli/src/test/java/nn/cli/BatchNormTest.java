package nn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import nn.core.BadInputException;
import nn.core.checkpoint.Checkpoint;
import nn.core.checkpoint.CheckpointFile;
import nn.core.train.Plugins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Layers with state through the command line: configs/digits-batchnorm.yaml trains, checkpoints its running
 * statistics (buffers), resumes bit for bit, predicts with them; nn inspect shows them, nn grad leaves them out; the
 * checks a checkpoint's buffers get; a batch of 1 row refused before training; nn draw and nn grad --explain on
 * networks with batch_norm and layer_norm.
 */
class BatchNormTest {
    private static final String DIGITS = Run.config("digits-batchnorm.yaml");

    /** A small network with both layers: 2 inputs → dense(3, tanh) → batch_norm → layer_norm → dense(1, sigmoid). */
    static final String SMALL = """
            name: small-norm
            seed: 1
            model:
              inputs: 2
              layers:
                - {units: 3, activation: tanh}
                - {type: batch_norm}
                - {type: layer_norm}
                - {units: 1, activation: sigmoid}
            loss: mse
            optimizer: {type: sgd, learning_rate: 0.5}
            training: {epochs: 3, batch_size: 2}
            data:
              train:
                inline: [[0, 1, 1], [1, 0, 1], [1, 1, 0], [0, 0, 0]]
            """;

    private static Path small(Path dir) throws IOException {
        Path p = dir.resolve("small.yaml");
        Files.writeString(p, SMALL);
        return p;
    }

    private static Run ok(String... args) {
        Run r = Run.nn(args);
        assertEquals(0, r.code(), () -> "nn " + String.join(" ", args) + ": " + r.err());
        return r;
    }

    @Test
    void digitsBatchnormReachesTestAccuracy() {
        Run r = ok("train", "--no-checkpoint", DIGITS, "--summary", "json", "-q");
        assertTrue(TrainCommandTest.number(r.out(), "test.test_accuracy") >= 0.97, r.out());
        assertEquals(4938, (int) TrainCommandTest.number(r.out(), "parameters"), "64·64 + 64 + 64 + 64 + 10·64 + 10: buffers not counted");
    }

    /** 4 epochs straight, and 2 then --resume to 4: the same checkpoint, running statistics included, to the bit. */
    @Test
    void resumedEndsBitIdenticalToTheStraightRunBuffersIncluded(@TempDir Path tmp) {
        String a = tmp.resolve("straight").toString(), b = tmp.resolve("resumed").toString();
        ok("train", DIGITS, "training.epochs=4", "--checkpoint-dir", a, "--summary", "none", "-q");
        ok("train", DIGITS, "training.epochs=2", "--checkpoint-dir", b, "--summary", "none", "-q");
        ok("train", DIGITS, "training.epochs=4", "--checkpoint-dir", b, "--resume", "latest", "--summary", "none", "-q");
        Checkpoint x = CheckpointFile.read(Path.of(a, "last.ckpt")), y = CheckpointFile.read(Path.of(b, "last.ckpt"));
        assertEquals(List.of("layers.1.running_mean", "layers.1.running_var"), List.copyOf(x.buffers().keySet()));
        assertEquals(x.arrays().keySet(), y.arrays().keySet());
        for (String k : x.arrays().keySet()) {
            assertArrayEquals(x.arrays().get(k).shape(), y.arrays().get(k).shape(), k);
            double[] p = x.arrays().get(k).data(), q = y.arrays().get(k).data();
            for (int i = 0; i < p.length; i++) assertEquals(Double.doubleToRawLongBits(p[i]), Double.doubleToRawLongBits(q[i]), k + "[" + i + "]");
        }
        assertEquals(x.history(), y.history());
        assertEquals(x.steps(), y.steps());
        assertEquals(x.shuffleRng(), y.shuffleRng());
        assertEquals(ok("inspect", a + "/last.ckpt", "--params").out(), ok("inspect", b + "/last.ckpt", "--params").out());
        double[] var = x.buffers().get("layers.1.running_var").data();
        assertFalse(Arrays.stream(var).allMatch(v -> v == 1.0), "training moved running_var");
    }

    /** nn inspect: the buffers' shapes in the summary (text and json), their values after the parameters' with --params. */
    @Test
    void inspectShowsTheBuffers(@TempDir Path tmp) throws IOException {
        ok("train", small(tmp).toString(), "--checkpoint-dir", tmp.resolve("run").toString(), "--summary", "none", "-q");
        String ckpt = tmp.resolve("run/last.ckpt").toString();
        String text = ok("inspect", ckpt).out();
        assertTrue(text.contains("parameters     25\nbuffer         layers.1.running_mean [3]\nbuffer         layers.1.running_var [3]\n"), text);
        String json = ok("inspect", ckpt, "--format", "json").out();
        assertTrue(json.contains("\"parameters\":25,\"buffers\":{\"layers.1.running_mean\":\"[3]\",\"layers.1.running_var\":\"[3]\"}"), json);
        List<String> rows = ok("inspect", ckpt, "--params").out().lines().toList();
        assertEquals(1 + 25 + 6, rows.size(), "header, 25 parameter elements, 6 buffer elements");
        Checkpoint c = CheckpointFile.read(Path.of(ckpt));
        double[] mean = c.buffers().get("layers.1.running_mean").data();
        for (int i = 0; i < 3; i++) assertEquals("layers.1.running_mean[" + i + "]\tbuffer\t" + mean[i], rows.get(26 + i));
        assertTrue(rows.get(29).startsWith("layers.1.running_var[0]\tbuffer\t"), rows.get(29));
        List<String> jsonl = ok("inspect", ckpt, "--params", "--format", "jsonl").out().lines().toList();
        assertEquals("{\"param\":\"layers.1.running_mean[0]\",\"name\":\"buffer\",\"value\":" + mean[0] + "}", jsonl.get(25));
    }

    /** nn grad: a row per parameter element (the normalisations' weight γ named w, bias β named b), none per buffer; --check passes. */
    @Test
    void gradHasNoBufferRowsAndChecksAgainstCentralDifferences(@TempDir Path tmp) throws IOException {
        Run r = ok("grad", small(tmp).toString(), "--check");
        List<String> rows = r.out().lines().toList();
        assertEquals(1 + 25, rows.size(), r.out());
        assertFalse(r.out().contains("running"), r.out());
        assertTrue(rows.get(10).startsWith("layers.1.weight[0]\tw7\t1.0\t"), rows.get(10));
        assertTrue(rows.get(13).startsWith("layers.1.bias[0]\tb4\t0.0\t"), rows.get(13));
        for (String row : rows.subList(1, rows.size())) assertTrue(row.endsWith("\ttrue"), row);
    }

    /** Early stopping restores the best epoch's parameters and, with them, its running statistics (best_buffers). */
    @Test
    void earlyStoppingRestoresTheBestEpochsBuffers(@TempDir Path tmp) {
        String dir = tmp.toString();
        ok("train", DIGITS, "training.epochs=40", "training.early_stopping={patience: 2}", "--checkpoint-dir", dir, "--summary", "none", "-q");
        Checkpoint c = CheckpointFile.read(tmp.resolve("last.ckpt"));
        assertTrue(c.stoppedEarly(), "stopped early");
        double[] best = c.arrays().get(Checkpoint.BEST_BUFFERS).data();
        double[] stored = new double[best.length];
        int o = 0;
        for (Checkpoint.Array a : c.buffers().values()) {
            System.arraycopy(a.data(), 0, stored, o, a.data().length);
            o += a.data().length;
        }
        assertArrayEquals(best, stored, "last.ckpt holds the best epoch's buffers");
        Checkpoint atBest = CheckpointFile.read(tmp.resolve("best.ckpt"));
        for (String k : atBest.buffers().keySet()) assertArrayEquals(atBest.buffers().get(k).data(), c.buffers().get(k).data(), k);
    }

    /** nn eval on the checkpoint gives the validation loss training reported: evaluation uses the stored running statistics. */
    @Test
    void evalOfTheCheckpointReproducesTheReportedValidationLoss(@TempDir Path tmp) {
        ok("train", DIGITS, "training.epochs=3", "data.test={split: 0}", "data.validation={csv: ../data/digits.csv}", "--checkpoint-dir",
                tmp.toString(), "--summary", "none", "-q");
        Checkpoint c = CheckpointFile.read(tmp.resolve("last.ckpt"));
        Map<String, Double> last = c.history().get(c.history().size() - 1);
        Run e = ok("eval", tmp.resolve("last.ckpt").toString(), "../data/digits.csv", "--format", "json");
        assertTrue(e.out().contains("\"eval_loss\":" + last.get("val_loss")), e.out() + " vs " + last);
        assertTrue(e.out().contains("\"eval_accuracy\":" + last.get("val_accuracy")), e.out() + " vs " + last);
    }

    /** Refused when the trainer is made: before any line is logged or any file written, at training.batch_size. */
    @Test
    void aTrainingBatchOfOneRowIsRefusedBeforeTrainingAtBatchSize(@TempDir Path tmp) {
        Run one = Run.nn("train", DIGITS, "training.batch_size=1", "--checkpoint-dir", tmp.toString());
        assertEquals(2, one.code());
        assertEquals("nn: argument 'training.batch_size=1':1:21: training.batch_size: 1, but model.layers[1] (batch_norm) needs training"
                + " batches of at least 2 rows (training.batch_size=3 would do)\n", one.err());
        // 1293 training rows = 38·34 + 1
        Run last = Run.nn("train", DIGITS, "training.batch_size=34", "--checkpoint-dir", tmp.toString(), "--summary", "json");
        assertEquals(2, last.code());
        assertEquals("nn: argument 'training.batch_size=34':1:21: training.batch_size: 34 leaves a last batch of 1 row (1293 training"
                + " rows), but model.layers[1] (batch_norm) needs training batches of at least 2 rows (training.batch_size=35 would do)\n",
                last.err());
        assertEquals("", last.out());
        assertTrue(tmp.toFile().list().length == 0, "nothing written");
    }

    // ---- what a reader checks of a checkpoint's buffers ---------------------------------------------------------

    /** The checkpoint c with its arrays changed, encoded and decoded again (the checks of decode run). */
    private static Checkpoint changed(Checkpoint c, Consumer<Map<String, Checkpoint.Array>> change) {
        Map<String, Checkpoint.Array> arrays = new LinkedHashMap<>(c.arrays());
        change.accept(arrays);
        Checkpoint d = new Checkpoint(c.name(), c.configFile(), c.configYaml(), c.epoch(), c.steps(), c.dropoutRng(), c.shuffleRng(),
                c.stoppedEarly(), c.normalize(), c.normalizeTargets(), c.features(), c.targets(), c.classes(), c.history(), c.bestEpoch(),
                c.bestScore(), c.sinceBest(), c.kernel(), arrays);
        return CheckpointFile.decode(CheckpointFile.encode(d), "x.ckpt");
    }

    private static String refused(Runnable r) {
        try {
            r.run();
        } catch (BadInputException e) {
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            return e.getMessage();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void aCheckpointsBuffersAreCheckedAgainstTheNetworkAndForFiniteValues(@TempDir Path tmp) throws IOException {
        String dir = tmp.resolve("run").toString();
        ok("train", small(tmp).toString(), "training.early_stopping={patience: 5}", "--checkpoint-dir", dir, "--summary", "none", "-q");
        Checkpoint c = CheckpointFile.read(Path.of(dir, "last.ckpt"));
        Plugins plugins = Plugins.load(getClass().getClassLoader());
        c.model(plugins, "x.ckpt");
        String mean = Checkpoint.BUFFER + "layers.1.running_mean", var = Checkpoint.BUFFER + "layers.1.running_var";
        // as a file written before buffers existed would be: read, but not for a network with buffers
        Checkpoint old = changed(c, a -> {
            a.remove(mean);
            a.remove(var);
            a.remove(Checkpoint.BEST_BUFFERS);
        });
        assertEquals("x.ckpt: not a valid checkpoint: no array buffer/layers.1.running_mean (the network its config builds has"
                + " layers.1.running_mean, of shape [3])", refused(() -> old.model(plugins, "x.ckpt")));
        assertEquals("x.ckpt: buffer layers.1.running_var has shape [2] in the checkpoint, but [3] in the network",
                refused(() -> changed(c, a -> {
                    a.put(var, new Checkpoint.Array(new int[] {2}, new double[] {1, 1}));
                    a.put(Checkpoint.BEST_BUFFERS, new Checkpoint.Array(new int[] {5}, new double[5]));
                }).model(plugins, "x.ckpt")));
        assertEquals("x.ckpt: not a valid checkpoint: an array buffer/layers.2.running_mean that the network its config builds has no buffer for",
                refused(() -> changed(c, a -> {
                    a.put(Checkpoint.BUFFER + "layers.2.running_mean", new Checkpoint.Array(new int[] {3}, new double[3]));
                    a.put(Checkpoint.BEST_BUFFERS, new Checkpoint.Array(new int[] {9}, new double[9]));
                }).model(plugins, "x.ckpt")));
        assertEquals("x.ckpt: not a valid checkpoint: buffer/layers.1.running_var[1] is NaN (must be finite: training would have stopped)",
                refused(() -> changed(c, a -> a.put(var, new Checkpoint.Array(new int[] {3}, new double[] {1, Double.NaN, 1})))));
        assertEquals("x.ckpt: not a valid checkpoint: no array best_buffers (must be there with best_weights when the network has buffers:"
                + " the best epoch's buffer/…)", refused(() -> changed(c, a -> a.remove(Checkpoint.BEST_BUFFERS))));
        assertEquals("x.ckpt: not a valid checkpoint: best_buffers has shape [5] (must be [6]: one value per buffer value)",
                refused(() -> changed(c, a -> a.put(Checkpoint.BEST_BUFFERS, new Checkpoint.Array(new int[] {5}, new double[5])))));
        assertEquals("x.ckpt: not a valid checkpoint: an array best_buffers without best_weights (it goes with best_weights and buffers)",
                refused(() -> changed(c, a -> a.remove(Checkpoint.BEST))));
    }

    // ---- nn draw and nn grad --explain ------------------------------------------------------------------------

    @Test
    void drawShowsEachNormalisationAsABox(@TempDir Path tmp) throws IOException {
        String config = small(tmp).toString();
        Run svg = ok("draw", config, "--grad");
        assertTrue(svg.out().contains(">hidden 2 · batch_norm<"), svg.out());
        assertTrue(svg.out().contains(">3 units, buffers running_mean, running_var<"), svg.out());
        assertTrue(svg.out().contains(">hidden 3 · layer_norm<"), svg.out());
        assertTrue(svg.out().contains(">w7 = 1<") || svg.out().contains(">w7 = 1<tspan"), "γ on the edge into the box");
        Run dot = ok("draw", config, "--format", "dot");
        assertTrue(dot.out().contains("label=\"hidden 2 · batch_norm\\n3 units, buffers running_mean, running_var\""), dot.out());
        assertTrue(dot.out().contains("label=\"3 units\\nb4…b6\""), dot.out());
        Run wide = ok("draw", DIGITS);
        assertTrue(wide.out().contains(">hidden 2 · batch_norm<"), "a box after a box");
        Run plain = ok("draw", config, "model.layers[1].affine=false", "model.layers[2].elementwise_affine=false", "--format", "dot");
        assertTrue(plain.out().contains("n1_0 -> n2_box;"), "an edge without a weight into the batch_norm box: " + plain.out());
        assertTrue(plain.out().contains("then layer_norm"), "a layer with no parameters and no buffers is a note: " + plain.out());
    }

    @Test
    void explainTakesTheDeltaFormThroughNormalisationsAndItsTotalIsTheGradient(@TempDir Path tmp) throws IOException {
        String config = small(tmp).toString();
        Run r = ok("grad", config, "--explain", "w1");
        String[] lines = r.out().strip().split("\n");
        assertEquals("delta form: batch_norm (layer 2) is not a dense layer a = f(x·Wᵀ + b), so the gradient is not a plain sum over paths"
                + " of weights (in that layer δ_u is the derivative by its input x_u)", lines[1]);
        assertTrue(r.out().contains("  layer 3 (layer_norm, not element-wise):\n"), r.out());
        assertTrue(r.out().contains("  layer 2 (batch_norm, not element-wise):\n"), r.out());
        String grad = ok("grad", config).out().lines().filter(l -> l.startsWith("layers.0.weight[0,0]\t")).findFirst().orElseThrow();
        double total = Double.parseDouble(lines[lines.length - 1].substring("dL/dw1 = ".length()));
        double g = Double.parseDouble(grad.split("\t")[3]);
        assertEquals(g, total, 1e-12 * Math.abs(g));
        Run last = ok("grad", config, "--explain", "w13", "--of", "output");
        assertTrue(last.out().contains("path"), "the output layer's weight: one path, no normalisation on it: " + last.out());
        Run inNorm = Run.nn("grad", config, "--explain", "w7");
        assertEquals(2, inNorm.code());
        assertEquals("nn: --explain: w7 (layers.1.weight[0]) belongs to batch_norm (layer 2), not to a dense layer; explanations follow the"
                + " weights and biases of dense layers (nn grad prints every gradient)\n", inNorm.err());
    }

    @Test
    void explainGoesThroughDropoutInTheDeltaForm(@TempDir Path tmp) throws IOException {
        Path p = tmp.resolve("dropout.yaml");
        Files.writeString(p, SMALL.replace("    - {type: batch_norm}\n    - {type: layer_norm}\n", "    - {type: dropout, rate: 0.5}\n"));
        Run r = ok("grad", p.toString(), "--explain", "w1", "--of", "output");
        assertTrue(r.out().contains("delta form: dropout (layer 2) is not a dense layer"), r.out());
    }
}
