package nn.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nn.core.checkpoint.Checkpoint;
import nn.core.checkpoint.CheckpointFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * nn train --engine spark in local[2]: the shards computed on executors give the bits of nn train's own shards,
 * for any number of partitions, with dropout, class weights and normalised regression targets, and across
 * engines when resuming.
 */
class SparkTrainTest {
    /** nn train config overrides [--engine spark --master local[2] extra…] into dir; dir/last.ckpt. */
    private static Checkpoint train(Path dir, boolean spark, String config, List<String> overrides, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", config));
        args.addAll(overrides);
        args.addAll(List.of("--checkpoint-dir", dir.toString(), "--summary", "none", "-q"));
        if (spark) args.addAll(List.of("--engine", "spark", "--master", "local[2]"));
        args.addAll(List.of(extra));
        Nn.ok(args.toArray(String[]::new));
        return CheckpointFile.read(dir.resolve("last.ckpt"));
    }

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 2, 4})
    void fourShardsOnSparkGiveTheBitsOfFourShardsHere(int partitions, @TempDir Path tmp) {
        List<String> o = List.of("training.shards=4", "training.epochs=4");
        Checkpoint here = train(tmp.resolve("local"), false, Nn.config("iris.yaml"), o);
        Checkpoint there = train(tmp.resolve("spark"), true, Nn.config("iris.yaml"), o, "--partitions", Integer.toString(partitions));
        Nn.assertSameBits(here, there);
    }

    /** Dropout draws per (shard, step), class weights weigh the shards' parts: both the same on executors. */
    @Test
    void dropoutAndClassWeightsGiveTheSameBits(@TempDir Path tmp) {
        List<String> o = List.of("training.shards=3", "training.epochs=3", "loss={type: cross_entropy, class_weights: balanced}");
        Checkpoint here = train(tmp.resolve("local"), false, Nn.config("iris-sgd.yaml"), o);
        Checkpoint there = train(tmp.resolve("spark"), true, Nn.config("iris-sgd.yaml"), o, "--partitions", "2");
        Nn.assertSameBits(here, there);
    }

    /** Regression with normalised targets: the training R², RMSE and MAE merged from the shards' reports alike. */
    @Test
    void regressionGivesTheSameBits(@TempDir Path tmp) {
        List<String> o = List.of("training.shards=3", "training.epochs=3");
        Checkpoint here = train(tmp.resolve("local"), false, Nn.config("wine-alcohol.yaml"), o);
        Checkpoint there = train(tmp.resolve("spark"), true, Nn.config("wine-alcohol.yaml"), o, "--partitions", "3");
        Nn.assertSameBits(here, there);
        assertTrue(Double.isFinite(there.history().get(there.history().size() - 1).get("train_r2")));
    }

    /** Two epochs here, two more on Spark from that checkpoint: four straight epochs here, to the bit. */
    @Test
    void resumesAcrossEngines(@TempDir Path tmp) throws Exception {
        String iris = Nn.config("iris.yaml");
        Checkpoint straight = train(tmp.resolve("straight"), false, iris, List.of("training.shards=4", "training.epochs=4"));
        train(tmp.resolve("split"), false, iris, List.of("training.shards=4", "training.epochs=2"));
        Nn.ok("train", iris, "training.shards=4", "training.epochs=4", "--checkpoint-dir", tmp.resolve("split").toString(),
                "--resume", "latest", "--summary", "none", "-q", "--engine", "spark", "--master", "local[2]");
        Nn.assertSameBits(straight, CheckpointFile.read(tmp.resolve("split").resolve("last.ckpt")));
        assertTrue(Files.exists(tmp.resolve("split").resolve("last.ckpt")));
    }

    @Test
    void oneShardIsRefusedWithTheFix() {
        Nn r = Nn.run("train", Nn.config("iris.yaml"), "--no-checkpoint", "--engine", "spark", "--master", "local[2]");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("training.shards=S"), r.err());
    }

    @Test
    void aMasterSparkCannotUseIsOneLine() {
        Nn r = Nn.run("train", Nn.config("iris.yaml"), "training.shards=2", "--no-checkpoint", "--engine", "spark", "--master", "nonsense://x");
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--master nonsense://x"), r.err());
    }
}
