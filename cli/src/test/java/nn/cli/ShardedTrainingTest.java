package nn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nn.core.checkpoint.Checkpoint;
import nn.core.checkpoint.CheckpointFile;
import nn.core.data.Dataset;
import nn.core.train.Config;
import nn.core.train.Experiment;
import nn.core.train.Plugins;
import nn.core.train.ShardStep;
import nn.core.train.Shards;
import nn.core.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * training.shards end to end: the same config gives the same bits run after run, resumed or not, whatever computes
 * the shards; training.shards = 1 is training as it was.
 */
class ShardedTrainingTest {
    private static final String IRIS = Run.config("iris.yaml"), WINE = Run.config("wine-alcohol.yaml");
    /** sgd + momentum, shuffled batches of 16 and dropout: every piece of state a sharded step touches. */
    private static final String IRIS_SGD = CheckpointCommandsTest.CONFIG;
    private static final Plugins PLUGINS = Plugins.load(ShardedTrainingTest.class.getClassLoader());

    /** nn train config with overrides into dir, then dir/last.ckpt. */
    private static Checkpoint train(Path dir, String config, String... overrides) {
        List<String> args = new ArrayList<>(List.of("train", config));
        args.addAll(List.of(overrides));
        args.addAll(List.of("--checkpoint-dir", dir.toString(), "--summary", "none", "-q"));
        Run r = Run.nn(args.toArray(String[]::new));
        assertEquals(0, r.code(), () -> "nn " + String.join(" ", args) + ": " + r.err());
        return CheckpointFile.read(dir.resolve("last.ckpt"));
    }

    private static void assertSameBits(Checkpoint x, Checkpoint y) {
        nn.core.contract.SameBits.assertSameBits(x, y);
    }

    private static double[] params(Checkpoint c) {
        return c.params().values().stream().flatMapToDouble(a -> Arrays.stream(a.data())).toArray();
    }

    @Test
    void twoRunsWithFourShardsGiveTheSameBits(@TempDir Path tmp) {
        Checkpoint a = train(tmp.resolve("a"), IRIS, "training.epochs=6", "training.shards=4");
        Checkpoint b = train(tmp.resolve("b"), IRIS, "training.epochs=6", "training.shards=4");
        assertSameBits(a, b);
        // 120 training rows in batches of 16 over shards of 30: ⌈30 / 4⌉ = 8 steps an epoch, as without shards
        assertEquals(6 * 8, a.steps());
        Checkpoint whole = train(tmp.resolve("whole"), IRIS, "training.epochs=6");
        assertFalse(Arrays.equals(params(whole), params(a)), "the shards' order of the rows is not the unsharded one");
    }

    /** training.shards: 1 is the loop without shards: the bits of a config that does not name the key. */
    @Test
    void oneShardIsTrainingAsBefore(@TempDir Path tmp) {
        assertSameBits(train(tmp.resolve("absent"), IRIS_SGD, "training.epochs=5"),
                train(tmp.resolve("one"), IRIS_SGD, "training.epochs=5", "training.shards=1"));
        assertSameBits(train(tmp.resolve("absent-adam"), IRIS, "training.epochs=5"),
                train(tmp.resolve("one-adam"), IRIS, "training.epochs=5", "training.shards=1"));
    }

    /** Dropout in shard k at step t draws from a generator of (seed, k, t): the same masks run after run. */
    @Test
    void threeShardsWithDropoutGiveTheSameBits(@TempDir Path tmp) {
        Checkpoint a = train(tmp.resolve("a"), IRIS_SGD, "training.epochs=4", "training.shards=3");
        assertSameBits(a, train(tmp.resolve("b"), IRIS_SGD, "training.epochs=4", "training.shards=3"));
        Checkpoint noDropout = train(tmp.resolve("c"), IRIS_SGD, "training.epochs=4", "training.shards=3",
                "model.layers=[{units: 16, activation: relu, weights: {init: he_uniform}}, {units: 3, activation: softmax}]");
        assertEquals(params(a).length, params(noDropout).length, "dropout has no parameters");
        assertFalse(Arrays.equals(params(a), params(noDropout)), "dropout was applied");
    }

    @Test
    void theKernelThreadsDoNotChangeTheBits(@TempDir Path tmp) {
        assertSameBits(train(tmp.resolve("one"), IRIS_SGD, "training.epochs=3", "training.shards=4", "training.threads=1"),
                train(tmp.resolve("four"), IRIS_SGD, "training.epochs=3", "training.shards=4", "training.threads=4"));
    }

    /** 2 epochs, then --resume to 4: the 4 straight epochs to the bit (shard orders and dropout follow the step count). */
    @Test
    void resumedEndsBitIdenticalToTheStraightRun(@TempDir Path tmp) {
        Checkpoint straight = train(tmp.resolve("straight"), IRIS_SGD, "training.epochs=4", "training.shards=4");
        Path b = tmp.resolve("resumed");
        assertEquals(2, train(b, IRIS_SGD, "training.epochs=2", "training.shards=4").epoch());
        Checkpoint resumed = train(b, IRIS_SGD, "training.epochs=4", "training.shards=4", "--resume", "latest");
        assertSameBits(straight, resumed);
        assertEquals(straight.shuffleRng(), resumed.shuffleRng());
    }

    /** A regression (mse, standardised targets): its training metrics come from the shards' merged reports. */
    @Test
    void aShardedRegressionReportsItsTrainingMetrics(@TempDir Path tmp) {
        Checkpoint c = train(tmp.resolve("wine"), WINE, "training.epochs=5", "training.shards=3");
        assertEquals("standard", c.normalizeTargets());
        assertEquals(5, c.history().size());
        for (Map<String, Double> row : c.history()) {
            for (String k : List.of("train_loss", "train_rmse", "train_mae", "train_r2", "val_r2")) {
                assertTrue(row.containsKey(k) && Double.isFinite(row.get(k)), () -> k + " in " + row);
            }
            assertTrue(row.get("train_r2") <= 1 && row.get("train_rmse") > 0 && row.get("train_mae") > 0, row::toString);
        }
        Map<String, Double> last = c.history().get(4);
        assertTrue(last.get("train_r2") > c.history().get(0).get("train_r2"), () -> "training learns: " + c.history());
    }

    /**
     * What nn-spark must match: the shards computed elsewhere, each on a network and data of its own (built from the
     * config as an executor builds them), the step's parameters copied in, all at once on threads of their own and
     * in reverse order, give the bits of {@code LocalShards}' one network, shard after shard.
     */
    @Test
    void shardsComputedElsewhereGiveTheBitsOfShardsComputedHere() throws Exception {
        List<String> overrides = List.of("training.epochs=3", "training.shards=3");
        Experiment here = prepare(overrides);
        Trainer local = new Trainer(here);
        local.run(new Trainer.Listener() {}, () -> {});

        Experiment driver = prepare(overrides);
        Trainer remote = new Trainer(driver);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        Elsewhere elsewhere = new Elsewhere(driver, remote.shards(), overrides, pool);
        try {
            remote.shardEngine(elsewhere);
            remote.run(new Trainer.Listener() {}, () -> {});
        } finally {
            pool.shutdownNow();
        }
        assertEquals(remote.steps(), elsewhere.calls, "every step's parts came from elsewhere");
        assertArrayEquals(here.network().flatValues(), driver.network().flatValues());
        assertEquals(local.steps(), remote.steps());
        assertEquals(local.history().rows(), remote.history().rows());
    }

    private static Experiment prepare(List<String> overrides) {
        return Experiment.prepare(Config.load(Path.of(IRIS_SGD), overrides, PLUGINS), InputStream.nullInputStream());
    }

    /** A {@link Trainer.ShardEngine} whose shards each have an experiment (network and data) of their own. */
    private static final class Elsewhere implements Trainer.ShardEngine {
        private final Experiment driver;
        private final Shards plan;
        private final ExecutorService pool;
        private final Experiment[] own;
        private final Dataset[] data;
        private final int[][] order;
        private final ShardStep[] step;
        private long epoch = -1;
        long calls;

        Elsewhere(Experiment driver, Shards plan, List<String> overrides, ExecutorService pool) {
            this.driver = driver;
            this.plan = plan;
            this.pool = pool;
            int s = plan.count();
            own = new Experiment[s];
            data = new Dataset[s];
            order = new int[s][];
            step = new ShardStep[s];
            for (int k = 0; k < s; k++) {
                own[k] = prepare(overrides);
                int[] members = plan.members(k);
                data[k] = own[k].train().select(members, members.length);
                order[k] = new int[members.length];
                step[k] = new ShardStep(own[k].network(), own[k].loss(), own[k].classification(), own[k].train().targetNormalizer(),
                        plan.batch(k), own[k].config().seed());
            }
        }

        @Override
        public void step(long epoch, long stepInEpoch, long stepNumber, ShardStep.Part[] parts) {
            long seed = driver.config().seed();
            boolean shuffle = driver.config().training().shuffle();
            if (epoch != this.epoch) {
                for (int k = 0; k < order.length; k++) Shards.order(seed, k, epoch, shuffle, order[k], order[k].length);
                this.epoch = epoch;
            }
            calls++;
            double[] theta = driver.network().flatValues();
            List<Callable<Void>> jobs = new ArrayList<>();
            for (int k = plan.count() - 1; k >= 0; k--) {
                int shard = k;
                jobs.add(() -> {
                    own[shard].network().setFlatValues(theta);
                    step[shard].run(shard, data[shard], order[shard], plan.from(shard, stepInEpoch), plan.size(shard, stepInEpoch),
                            stepNumber, parts[shard]);
                    return null;
                });
            }
            try {
                for (Future<Void> f : pool.invokeAll(jobs)) f.get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * loss.class_weights with shards: the step's loss should be PyTorch's weighted mean over the global batch,
     * Σ w_c·ℓ / Σ w_c, as without shards. Three rows (a, a, b) in one batch of 3 with shards=3 give each shard one
     * row, whose weighted mean is its plain loss: the weights would drop out if shards were added by rows.
     */
    @Test
    void classWeightsWeighTheGlobalBatch(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("d.csv"), "x,label\n1,a\n2,a\n3,b\n");
        Path c = dir.resolve("w.yaml");
        Files.writeString(c, """
                name: w
                model:
                  layers:
                    - {units: 2, activation: softmax, weights: 0, bias: [0, 0.6931471805599453]}
                loss: {type: cross_entropy, class_weights: {b: 3}}
                optimizer: {type: sgd, learning_rate: 0.1}
                training: {epochs: 1, batch_size: 3, shuffle: false}
                data:
                  train: {csv: d.csv, target: label, normalize: none}
                """);
        double want = (2 * Math.log(3) + 3 * Math.log(1.5)) / 5;
        for (String shards : new String[] {"1", "2", "3"}) {
            Run r = Run.nn("train", c.toString(), "training.shards=" + shards, "--no-checkpoint", "--summary", "json", "-q");
            assertEquals(0, r.code(), r.err());
            assertEquals(want, TrainCommandTest.number(r.out(), "final.train_loss"), 1e-12 * want, "training.shards=" + shards);
        }
    }
}
