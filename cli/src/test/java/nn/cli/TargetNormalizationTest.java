package nn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nn.core.Json;
import nn.core.checkpoint.Checkpoint;
import nn.core.checkpoint.CheckpointFile;
import nn.core.data.Dataset;
import nn.core.data.Normalizer;
import nn.core.train.Config;
import nn.core.train.Experiment;
import nn.core.train.Plugins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * normalize_targets (issue 11): numeric targets before a linear output are standardised by default; the network
 * learns them so, and every RMSE, MAE and R², and nn predict, are in the target's own units.
 */
class TargetNormalizationTest {
    private static final Plugins PLUGINS = Plugins.load(TargetNormalizationTest.class.getClassLoader());
    private static final Path WINE = Run.DATA.resolve("wine.csv");

    @TempDir
    Path tmp;

    /** configs/wine-alcohol.yaml out of the box: validation RMSE below 0.5 % vol (the target's sd is 0.81). */
    @Test
    void wineAlcoholReachesValidationRmseBelowHalfAPercent() throws IOException {
        Run r = Run.nn("train", Run.config("wine-alcohol.yaml"), "--checkpoint-dir", tmp.toString(), "--summary", "json", "-q");
        assertEquals(0, r.code(), r.err());
        assertTrue(TrainCommandTest.number(r.out(), "best.val_rmse") < 0.5, r.out());
        assertTrue(TrainCommandTest.number(r.out(), "final.val_rmse") < 0.5, r.out());
        for (String k : List.of("train_rmse", "train_mae", "train_r2", "val_mae", "val_r2")) {
            assertTrue(r.out().contains("\"" + k + "\":"), k + " in " + r.out());
        }

        Path ck = tmp.resolve("last.ckpt");
        Run text = Run.nn("eval", ck.toString(), WINE.toString());
        assertEquals(0, text.code(), text.err());
        assertEquals(List.of("rows", "eval_loss", "eval_rmse", "eval_mae", "eval_r2"), text.out().lines().map(l -> l.split(" +")[0]).toList());

        // eval and predict in % vol: the metrics of predict's column against the file's alcohol are eval's.
        Map<?, ?> eval = (Map<?, ?>) Json.read(Run.nn("eval", ck.toString(), WINE.toString(), "--format", "json").out().strip());
        Run predict = Run.nn("predict", ck.toString(), WINE.toString());
        assertEquals(0, predict.code(), predict.err());
        List<String> pred = predict.out().lines().toList();
        assertEquals("alcohol", pred.get(0));
        List<String> rows = Files.readAllLines(WINE);
        int n = rows.size() - 1;
        double[] t = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = Double.parseDouble(rows.get(i + 1).split(",")[0]);
            y[i] = Double.parseDouble(pred.get(i + 1));
        }
        double mean = 0, abs = 0, sq = 0, tot = 0;
        for (double v : t) mean += v / n;
        for (int i = 0; i < n; i++) {
            abs += Math.abs(y[i] - t[i]);
            sq += (y[i] - t[i]) * (y[i] - t[i]);
            tot += (t[i] - mean) * (t[i] - mean);
        }
        assertEquals(Math.sqrt(sq / n), Json.real(eval.get("eval_rmse")), 1e-9);
        assertEquals(abs / n, Json.real(eval.get("eval_mae")), 1e-9);
        assertEquals(1 - sq / tot, Json.real(eval.get("eval_r2")), 1e-9);
        assertTrue(Json.real(eval.get("eval_r2")) > 0.5, eval.toString());
    }

    /** The checkpoint keeps the statistics of the training rows (after the validation split), and their kind. */
    @Test
    void checkpointStoresTheTrainingRowsTargetStatistics() {
        Run r = Run.nn("train", Run.config("wine-alcohol.yaml"), "training.epochs=2", "--checkpoint-dir", tmp.toString(), "--summary", "none", "-q");
        assertEquals(0, r.code(), r.err());
        Checkpoint c = CheckpointFile.read(tmp.resolve("last.ckpt"));
        assertEquals("standard", c.normalizeTargets());
        Experiment e = Experiment.prepare(Config.load(Path.of(Run.config("wine-alcohol.yaml")), List.of(), PLUGINS), System.in);
        Dataset train = e.train();
        double mean = 0, var = 0;
        for (int i = 0; i < train.n(); i++) mean += train.target(i, 0);
        mean /= train.n();
        for (int i = 0; i < train.n(); i++) var += Math.pow(train.target(i, 0) - mean, 2);
        Normalizer tn = c.targetNormalizer();
        assertEquals(142, train.n());
        assertEquals(mean, tn.shift()[0], 1e-12);
        assertEquals(Math.sqrt(var / train.n()), tn.scale()[0], 1e-12);
        assertArrayEquals(e.targetNormalizer().shift(), tn.shift());
        assertArrayEquals(e.targetNormalizer().scale(), tn.scale());
    }

    /** The default: standard for numeric targets before a linear output, none otherwise (bounded outputs, class labels). */
    @Test
    void defaultDependsOnTheTargetsAndTheOutputLayer() {
        assertEquals("standard", config("wine-alcohol.yaml").data().normalizeTargets());
        assertEquals("standard", config("diabetes.yaml").data().normalizeTargets());
        assertEquals("none", config("xor.yaml").data().normalizeTargets(), "sigmoid output");
        assertEquals("none", config("iris.yaml").data().normalizeTargets(), "class labels");
        assertEquals("none", config("wine-alcohol.yaml", "model.layers[1].activation=relu").data().normalizeTargets());
        assertEquals("minmax", config("xor.yaml", "data.train.normalize_targets=minmax").data().normalizeTargets());
        assertEquals("none", config("wine-alcohol.yaml", "data.train.normalize_targets=none").data().normalizeTargets());
    }

    @Test
    void classLabelsAreNeverNormalized() {
        Run r = Run.nn("train", "--no-checkpoint", Run.config("iris.yaml"), "data.train.normalize_targets=standard", "-q");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("data.train.normalize_targets: 'standard' applies to numeric targets only, but the loss is"
                + " cross_entropy, a classification loss (class labels are never normalized: use none)"), r.err());
    }

    @Test
    void unknownKindNamesTheChoices() {
        Run r = Run.nn("train", "--no-checkpoint", Run.config("wine-alcohol.yaml"), "data.train.normalize_targets=standrd", "-q");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("data.train.normalize_targets: unknown 'standrd' (did you mean standard?"), r.err());
    }

    /**
     * The metrics in the target's units do not depend on how the targets were scaled for training, up to rounding:
     * with an exactly linear target (alcohol·1000 + 7), standard and minmax runs agree with each other after rescaling.
     */
    @Test
    void targetUnitsMetricsScaleWithTheTarget() throws IOException {
        Path scaled = tmp.resolve("wine-scaled.csv");
        List<String> out = new ArrayList<>();
        List<String> rows = Files.readAllLines(WINE);
        out.add(rows.get(0));
        for (String row : rows.subList(1, rows.size())) {
            int comma = row.indexOf(',');
            out.add((Double.parseDouble(row.substring(0, comma)) * 1000 + 7) + row.substring(comma));
        }
        Files.write(scaled, out);
        Run plain = Run.nn("train", "--no-checkpoint", Run.config("wine-alcohol.yaml"), "training.epochs=20", "--summary", "json", "-q");
        Run big = Run.nn("train", "--no-checkpoint", Run.config("wine-alcohol.yaml"), "training.epochs=20",
                "data.train.csv=" + scaled.toAbsolutePath(), "--summary", "json", "-q");
        assertEquals(0, big.code(), big.err());
        // Standardised targets are the same numbers either way, so the network learns the same; only the units differ.
        double rmse = TrainCommandTest.number(plain.out(), "final.val_rmse"), mae = TrainCommandTest.number(plain.out(), "final.train_mae");
        assertEquals(rmse * 1000, TrainCommandTest.number(big.out(), "final.val_rmse"), 1e-6 * rmse * 1000);
        assertEquals(mae * 1000, TrainCommandTest.number(big.out(), "final.train_mae"), 1e-6 * mae * 1000);
        assertEquals(TrainCommandTest.number(plain.out(), "final.val_r2"), TrainCommandTest.number(big.out(), "final.val_r2"), 1e-6);
        assertEquals(TrainCommandTest.number(plain.out(), "final.val_loss"), TrainCommandTest.number(big.out(), "final.val_loss"), 1e-6,
                "the loss is in normalised units");
    }

    private static Config config(String name, String... overrides) {
        return Config.load(Path.of(Run.config(name)), List.of(overrides), PLUGINS);
    }
}
