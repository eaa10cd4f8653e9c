package nn.cli;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nn.core.BadInputException;
import nn.core.checkpoint.Checkpoint;
import nn.core.checkpoint.CheckpointFile;
import nn.core.checkpoint.CheckpointSaver;
import nn.core.checkpoint.ConfigDiff;
import nn.core.data.Progress;
import nn.core.train.Config;
import nn.core.train.DataCache;
import nn.core.train.Experiment;
import nn.core.train.History;
import nn.core.train.Metrics;
import nn.core.train.Trainer;

/**
 * One training run as {@code nn train} does it, and {@code nn sweep} does it for each point and seed: the data read
 * and the network built ({@link #prepare}), a checkpoint checked and restored ({@link #resume}), the epochs run with
 * the metrics file and the checkpoints written after each ({@link #train}), and the summary ({@link #summary}). What
 * is said on the way (logs, bars, tables) is the caller's.
 */
final class TrainingRun {
    private final Config config;
    private final Experiment e;
    private Trainer trainer;

    private TrainingRun(Config config, Experiment e) {
        this.config = config;
        this.e = e;
    }

    /** Reads the data (sources in cache, if given, are not read again) and builds the network. */
    static TrainingRun prepare(Config config, InputStream stdin, Progress progress, DataCache cache) {
        return prepare(config, stdin, progress, cache, null);
    }

    /** As {@link #prepare(Config, InputStream, Progress, DataCache)}, reading Spark sources with tables (null: refused). */
    static TrainingRun prepare(Config config, InputStream stdin, Progress progress, DataCache cache, nn.core.data.Tables tables) {
        return new TrainingRun(config, Experiment.prepare(config, stdin, true, progress, cache, tables));
    }

    Config config() {
        return config;
    }

    Experiment experiment() {
        return e;
    }

    /** The training loop, made when first asked for (its checks, of the batch size, come after --print-config's output). */
    Trainer trainer() {
        if (trainer == null) trainer = new Trainer(e);
        return trainer;
    }

    /** Epochs trained so far (0 before the training loop is made). */
    long epochs() {
        return trainer == null ? 0 : trainer.epoch();
    }

    /** The checkpoint at file, read and checked before any data are read: epochs left to train. */
    static Checkpoint resumable(Path file, Config config) {
        Checkpoint c = CheckpointFile.read(file);
        if (c.epoch() >= config.training().epochs()) {
            throw new BadInputException(file + ": cannot resume: that run has trained " + c.epoch() + " epochs already, as many as"
                    + " training.epochs asks (ask for more: training.epochs=" + Math.max(2 * c.epoch(), c.epoch() + 1) + ")");
        }
        return c;
    }

    /**
     * Puts the run back where c left it, after checking that it is the same run (unless force): the same config
     * (compared once the network has filled in its defaults) and the same data.
     */
    void resume(Checkpoint c, String file, boolean force) {
        if (!force) {
            List<String> diff = ConfigDiff.differences(c.configTree(file).plain(), e.config().tree().plain());
            if (!diff.isEmpty()) {
                throw new BadInputException(file + ": cannot resume: the config differs from the checkpoint's at "
                        + String.join(", ", diff) + " (only training.epochs and training.early_stopping may change; --force to resume anyway)");
            }
            Checkpoint now = Checkpoint.of(e, trainer());
            if (!java.util.Objects.equals(c.classes(), now.classes()) || !c.features().equals(now.features())
                    || !java.util.Arrays.equals(c.normalizer().shift(), now.normalizer().shift())
                    || !java.util.Arrays.equals(c.normalizer().scale(), now.normalizer().scale())
                    || !c.targetNormalizer().kind().equals(now.targetNormalizer().kind())
                    || !c.targetNormalizer().kind().equals("none")
                        && (!java.util.Arrays.equals(c.targetNormalizer().shift(), now.targetNormalizer().shift())
                            || !java.util.Arrays.equals(c.targetNormalizer().scale(), now.targetNormalizer().scale()))) {
                throw new BadInputException(file + ": cannot resume: the training data differ from the checkpoint's (columns, classes or "
                        + "normalization statistics; --force to resume anyway)");
            }
        }
        c.restore(e, trainer(), file);
    }

    /** "NAME: R training rows, V validation, T test, P parameters, OPTIMIZER": what is about to be trained. */
    String describe() {
        return config.name() + ": " + (e.train() == null ? 0 : e.train().n()) + " training rows"
                + (e.validation() == null ? "" : ", " + e.validation().n() + " validation")
                + (e.test() == null ? "" : ", " + e.test().n() + " test") + ", " + e.network().parameterCount() + " parameters, "
                + trainer().optimizer();
    }

    /**
     * Runs the epochs left: after each, listener.epoch, then the metrics file's row, then saver's checkpoints (saver
     * null for none). The metrics file starts with the epochs a resumed run had already trained.
     */
    void train(CheckpointSaver saver, MetricsFile metrics, Trainer.Listener listener) {
        train(saver, metrics, listener, () -> {});
    }

    /** As {@link #train(CheckpointSaver, MetricsFile, Trainer.Listener)}, calling saved after each epoch's checkpoints are written. */
    void train(CheckpointSaver saver, MetricsFile metrics, Trainer.Listener listener, Runnable saved) {
        Trainer trainer = trainer();
        metrics.start(trainer.history());
        trainer.run(new Trainer.Listener() {
            @Override
            public void batch(long epoch, long batchIndex, long batches) {
                listener.batch(epoch, batchIndex, batches);
            }

            @Override
            public void epoch(History h) {
                listener.epoch(h);
                metrics.write(h);
            }
        }, () -> {
            if (saver != null) saver.afterEpoch(e, trainer);
            saved.run();
        });
    }

    /** The line early stopping says when it fires: when, on what, the patience, and which epoch's weights were kept. */
    String stopLine() {
        var es = config.training().earlyStopping();
        Trainer t = trainer();
        String metric = Double.isNaN(t.history().get(0, "val_loss")) ? "train_loss" : "val_loss";
        long best = t.bestEpoch() + 1;
        return String.format(java.util.Locale.ROOT, "early stopping after epoch %d: %s has not improved by more than %s for %d epochs"
                + " (patience %d); restored the weights of epoch %d (%s %.6g)", t.epoch(), metric, Num.format(es.minDelta()),
                t.sinceBest(), es.patience(), best, metric, t.history().get((int) t.bestEpoch(), metric));
    }

    /**
     * {@code nn train --summary json}'s object: name, seed, epochs_run, steps, stopped_early, the final and best
     * epochs' metrics, the test metrics, parameters, dtype, kernel, and the timing fields load_seconds,
     * wall_seconds (training, wall seconds) and samples_per_second.
     */
    Map<String, Object> summary(double wall) {
        Trainer trainer = trainer();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", config.name());
        r.put("seed", config.seed());
        r.put("epochs_run", trainer.epoch());
        r.put("steps", trainer.steps());
        r.put("stopped_early", trainer.stoppedEarly());
        History h = trainer.history();
        if (!h.isEmpty()) r.put("final", TrainCommand.ints(h.row(h.size() - 1)));
        if (trainer.bestEpoch() >= 0 && trainer.bestEpoch() < h.size()) r.put("best", TrainCommand.ints(h.row((int) trainer.bestEpoch())));
        if (e.test() != null) {
            r.put("test", Metrics.evaluate(e.network(), e.loss(), e.test(), e.classification(), "test", 256));
        }
        r.put("parameters", e.network().parameterCount());
        r.put("dtype", e.network().dtype().yamlName());
        r.put("kernel", e.network().dtype().kernel());
        r.put("load_seconds", e.loadSeconds());
        r.put("wall_seconds", wall);
        r.put("samples_per_second", wall > 0 ? trainer.samples() / wall : null);
        return r;
    }

    /** The summary's fields that measure time rather than the result: they differ between two runs of one config. */
    static final List<String> TIMING = List.of("load_seconds", "wall_seconds", "samples_per_second");
}
