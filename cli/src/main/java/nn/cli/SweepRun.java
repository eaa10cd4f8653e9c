package nn.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nn.core.AtomicFile;
import nn.core.BadInputException;
import nn.core.DivergedException;
import nn.core.checkpoint.Checkpoint;
import nn.core.checkpoint.CheckpointFile;
import nn.core.checkpoint.CheckpointSaver;
import nn.core.config.Yaml;
import nn.core.data.Progress;
import nn.core.train.Config;
import nn.core.train.DataCache;
import nn.core.train.History;
import nn.core.train.Plugins;
import nn.core.train.Trainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a sweep, wherever it runs (a thread of {@code nn sweep}, or a task on a Spark executor): as {@code nn
 * train CONFIG OVERRIDES seed=S --checkpoint-dir FOLDER} would train it, resumed from FOLDER/last.ckpt if an
 * interrupted attempt left one; its results line, whatever happened (ok, diverged, or failed with the error's line).
 */
public final class SweepRun {
    private static final Logger log = LoggerFactory.getLogger("nn.sweep");

    /**
     * What a run needs, in a form that travels: the run's folder name, its point (index and the swept values), its
     * seed, the hash of its resolved config, the config file (relative data paths resolve against it) and the
     * resolved config as YAML, and the plugin jars nn was given.
     */
    public record Task(String run, int point, Map<String, String> values, long seed, String sha, String configFile, String configYaml,
                       List<String> pluginJars) implements java.io.Serializable {
        public Task {
            values = new LinkedHashMap<>(values);
            pluginJars = List.copyOf(pluginJars);
        }

        /** The resolved config, read back with the providers of plugins. */
        public Config config(Plugins plugins) {
            Path file = Path.of(configFile);
            return Config.of(file, (nn.core.config.Node.Mapping) Yaml.parse(configYaml, configFile, 0), plugins);
        }
    }

    /** Told as the run goes; all optional. */
    public interface Hooks {
        /** The run resumed after epochs epochs (0 for a fresh start). */
        default void resumed(long epochs) {}

        /** Epoch number epoch (1-based) ended and its checkpoint files are in the folder. */
        default void epoch(long epoch) {}
    }

    private SweepRun() {}

    /** The start of task's results line: run, point, overrides, seed, status (ok until said otherwise), config_sha. */
    public static Map<String, Object> line(Task task) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("run", task.run());
        line.put("point", (long) task.point());
        line.put("overrides", task.values());
        line.put("seed", task.seed());
        line.put("status", "ok");
        line.put("config_sha", task.sha());
        return line;
    }

    /** Trains task's run in folder (created if need be) and says how it went, as its results line. */
    public static Map<String, Object> run(Task task, Config config, Path folder, InputStream stdin, DataCache cache, Hooks hooks) {
        Map<String, Object> line = line(task);
        long t0 = System.nanoTime();
        TrainingRun run = null;
        try {
            Files.createDirectories(folder);
            Path lastFile = folder.resolve(CheckpointSaver.LAST);
            Checkpoint c = Files.exists(lastFile) ? CheckpointFile.read(lastFile) : null;
            // After early stopping the last state written may precede the restoring of the best weights: train it again.
            if (c != null && c.stoppedEarly()) c = null;
            if (c == null) for (Path p : CheckpointSaver.existing(folder)) Files.deleteIfExists(p);
            run = TrainingRun.prepare(config, stdin, Progress.NONE, cache);
            if (c != null) run.resume(c, lastFile.toString(), false);
            run.experiment().announce();
            if (c != null) log.info("{}: resumed from {} after epoch {}", task.run(), lastFile, c.epoch());
            log.debug("{}: {}", task.run(), run.describe());
            AtomicFile.write(folder.resolve("config.yaml"), Yaml.dump(config.tree()).getBytes(StandardCharsets.UTF_8));
            CheckpointSaver saver = new CheckpointSaver(folder, config.checkpoint());
            long start = System.nanoTime();
            hooks.resumed(run.trainer().epoch());
            Trainer trainer = run.trainer();
            try (MetricsFile mf = MetricsFile.open(folder.resolve("metrics.csv"))) {
                run.train(saver, mf, new Trainer.Listener() {}, () -> hooks.epoch(trainer.epoch()));
            }
            if (run.trainer().stoppedEarly()) log.debug("{}: {}", task.run(), run.stopLine());
            Path last = saver.finish(run.experiment(), run.trainer());
            Map<String, Object> summary = run.summary((System.nanoTime() - start) / 1e9);
            summary.put("checkpoint", last.toString());
            summary.forEach(line::putIfAbsent);
        } catch (DivergedException ex) {
            line.put("status", "diverged");
            line.put("error", "training diverged: " + ex.getMessage());
            failed(line, run, t0);
        } catch (BadInputException ex) {
            line.put("status", "failed");
            line.put("error", ex.getMessage());
            failed(line, run, t0);
        } catch (IOException ex) {
            line.put("status", "failed");
            line.put("error", BadInputException.io(folder.toString(), "write", ex).getMessage());
            failed(line, run, t0);
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError ex) {
            log.error(task.run() + ": internal error (a bug; please report it with this trace):", ex);
            line.put("status", "failed");
            line.put("error", "internal error: " + ex);
            failed(line, run, t0);
        }
        return line;
    }

    /** What a run that did not end ok got through: its name, the epochs it completed, and the time it took. */
    private static void failed(Map<String, Object> line, TrainingRun run, long t0) {
        if (run != null) {
            line.put("name", run.config().name());
            line.put("epochs_run", run.epochs());
        }
        line.put("wall_seconds", (System.nanoTime() - t0) / 1e9);
    }
}
