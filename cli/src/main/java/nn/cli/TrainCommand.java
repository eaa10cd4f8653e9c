package nn.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import nn.core.data.Progress;
import nn.core.train.History;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import nn.core.BadInputException;
import nn.core.Json;
import nn.core.checkpoint.Checkpoint;
import nn.core.checkpoint.CheckpointSaver;
import nn.core.config.Yaml;
import nn.core.train.Config;
import nn.core.train.Experiment;
import nn.core.train.Trainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** nn train: the training loop; the per-epoch table on stderr, the result on stdout. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train the network of CONFIG. Logs and the per-epoch table go to stderr; the summary to stdout."})
final class TrainCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger("nn.train");

    enum Summary { text, json, none }

    @ParentCommand
    Nn root;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigArgs args;

    @Mixin
    LoggingMixin logging;

    @Mixin
    nn.cli.engine.EngineOptions engine;

    @Option(names = "--summary", description = "text (default when stdout is a terminal), json (default otherwise) or none.")
    Summary summary;

    @Option(names = "--metrics", paramLabel = "FILE", description = "Write one row per epoch: CSV, or JSON lines when FILE ends in .jsonl.")
    Path metrics;

    @Option(names = "--plot", paramLabel = "FILE", description = "At the end, write the training curves to FILE (.png or .svg), as nn plot draws them.")
    Path plot;

    @Option(names = "--print-config", description = "Print the resolved config (defaults filled in, overrides applied) as YAML and exit.")
    boolean printConfig;

    @Option(names = "--progress", negatable = true, description = "A progress bar on stderr (default: when stderr is a terminal and not -q).")
    Boolean progress;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR",
            description = "Where checkpoints go (overrides checkpoint.dir; default runs/<config name>), relative to the current folder.")
    Path checkpointDir;

    @Option(names = "--no-checkpoint", description = "Write no checkpoint files.")
    boolean noCheckpoint;

    @Option(names = "--resume", paramLabel = "CKPT",
            description = "Continue the run saved in CKPT ('latest': DIR/last.ckpt). Only training.epochs may differ from the stored config.")
    String resume;

    @Option(names = "--overwrite", description = "Delete the checkpoints of an earlier run in the checkpoint folder first (a new run refuses to mix with them).")
    boolean overwrite;

    @Option(names = "--force", description = "With --resume: continue even though the config or the training data differ from the checkpoint's.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        logging.apply();
        OutputPath.file("--metrics", metrics);
        if (plot != null) Charts.check("--plot", plot, 900, 600);
        engine.check();
        Config config = args.load(root.plugins());
        if (!engine.local() && config.training().shards() == 1) {
            throw new BadInputException("--engine " + engine.engine() + ": training.shards is 1, so there is nothing to spread: give training.shards=S"
                    + " (S ≥ 2; each global batch is split into S shards, the same bits on every engine), or leave --engine out");
        }
        Path dir = checkpointDir != null ? checkpointDir
                : config.checkpoint().dir() != null ? Path.of(config.checkpoint().dir()) : version(Path.of("runs", config.name()), resume != null);
        if (!noCheckpoint) OutputPath.folder(checkpointDir != null ? "--checkpoint-dir" : dirKey(config), dir);
        // Everything that can be checked without the data is, before the data are read: the checkpoint to resume
        // from, and the folder a new run would write into.
        Path from = resume == null ? null : resume.equals("latest") ? dir.resolve(CheckpointSaver.LAST) : Path.of(resume);
        Checkpoint c = from == null ? null : TrainingRun.resumable(from, config);
        List<Path> old = !noCheckpoint && resume == null && !printConfig ? earlierRun(dir) : List.of();
        boolean bars = progress != null ? progress : Terminal.stderr() && !logging.quiet;
        // Spark starts before the data are read: a source read through it is read on its executors.
        nn.cli.engine.Engine remote = engine.local() || printConfig ? null : nn.cli.engine.Engines.open(engine, "train " + config.name());
        try (remote) {
            return train(config, dir, from, c, old, remote, bars);
        }
    }

    private int train(Config config, Path dir, Path from, Checkpoint c, List<Path> old, nn.cli.engine.Engine remote, boolean bars) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        TrainingRun run = TrainingRun.prepare(config, root.stdin(), bars ? TrainCommand::loadingBar : Progress.NONE, null,
                remote == null ? null : remote.tables());
        Experiment e = run.experiment();
        if (printConfig) {
            out.print(Yaml.dump(config.tree()));
            out.flush();
            return Nn.OK;
        }
        Trainer trainer = run.trainer();
        if (c != null) run.resume(c, from.toString(), force);
        e.announce();
        if (c != null) resumed(c, from.toString(), trainer);
        for (Path p : old) java.nio.file.Files.deleteIfExists(p);
        if (!old.isEmpty()) log.info("{}: removed the {} checkpoint files of an earlier run (--overwrite)", dir, old.size());
        CheckpointSaver saver = noCheckpoint ? null : new CheckpointSaver(dir, config.checkpoint());
        log.info(run.describe());
        Trainer.ShardEngine shards = remote == null ? null : remote.shards(e, trainer.shards());
        if (shards != null) trainer.shardEngine(shards);
        long start = System.nanoTime();
        try (shards; MetricsFile mf = MetricsFile.open(metrics); ProgressBar bar = bars ? bar(config, e, trainer) : null) {
            EpochTable table = new EpochTable(log, config.training().epochs(), logging.verbose, Terminal.stderr());
            run.train(saver, mf, new Trainer.Listener() {
                @Override
                public void batch(long epoch, long batchIndex, long batches) {
                    if (bar != null) bar.step();
                }

                @Override
                public void epoch(History h) {
                    table.row(h);
                }
            });
            if (bar != null) bar.close();
            table.last(trainer.history());
            table.best(trainer.history(), trainer.bestEpoch());
            if (trainer.stoppedEarly()) log.info(run.stopLine());
        }
        Path last = saver == null ? null : saver.finish(e, trainer);
        if (last != null) log.info("checkpoint: {}", last);
        double wall = (System.nanoTime() - start) / 1e9;
        History history = trainer.history();
        if (plot != null) Charts.write(List.of(new Charts.Run(config.name(), history.rows())), plot, 900, 600);
        if (Terminal.stderr() && !logging.quiet && !history.isEmpty()) {
            double[] loss = new double[history.size()];
            for (int r = 0; r < loss.length; r++) loss[r] = history.get(r, "train_loss");
            spec.commandLine().getErr().println("train_loss " + Charts.sparkline(loss, 60) + " " + String.format("%.4g", loss[loss.length - 1]));
            spec.commandLine().getErr().flush();
        }
        Map<String, Object> result = run.summary(wall);
        if (last != null) result.put("checkpoint", last.toString());
        Summary s = summary != null ? summary : Terminal.stdout() ? Summary.text : Summary.json;
        if (s == Summary.json) out.println(Json.write(result, Json.NonFinite.AS_NULL));
        else if (s == Summary.text) printText(out, result);
        out.flush();
        return Nn.OK;
    }

    /**
     * The default folder, runs/NAME/N: a new number for each new run (1, 2, …, as Lightning's version_N), so runs of
     * one config never mix and none is lost; the highest existing number when resuming ('latest').
     */
    static Path version(Path base, boolean resuming) {
        int max = 0;
        if (java.nio.file.Files.isDirectory(base)) {
            try (var s = java.nio.file.Files.list(base)) {
                max = s.map(p -> p.getFileName().toString()).filter(n -> n.matches("[1-9][0-9]{0,8}")).mapToInt(Integer::parseInt).max().orElse(0);
            } catch (IOException ex) {
                throw BadInputException.io(base.toString(), "read", ex);
            }
        }
        return base.resolve(Integer.toString(resuming ? Math.max(1, max) : max + 1));
    }

    /** How a checkpoint folder from the config is named in messages: its place and key. */
    private static String dirKey(Config config) {
        if (config.tree().get("checkpoint") instanceof nn.core.config.Node.Mapping m && m.get("dir") != null) {
            return m.get("dir").loc() + ": checkpoint.dir:";
        }
        return "checkpoint folder";
    }

    /**
     * A new run does not write into the folder of an earlier one (its old epoch files would sit beside the new
     * last.ckpt): refused, naming what is there and the three ways on, unless --overwrite; then the earlier run's
     * files, deleted once the data have been read and checked (a mistake found on the way loses nothing).
     */
    private List<Path> earlierRun(Path dir) throws IOException {
        List<Path> old = CheckpointSaver.existing(dir);
        if (old.isEmpty() || overwrite) return old;
        List<String> names = old.stream().map(p -> p.getFileName().toString()).toList();
        throw new BadInputException(dir + ": holds the checkpoints of an earlier run (" + String.join(", ", names.subList(0, Math.min(4, names.size())))
                + (names.size() > 4 ? ", …" : "") + "): --resume latest continues that run, --overwrite replaces it,"
                + " --checkpoint-dir DIR writes elsewhere");
    }

    /** Says how the run goes on; after an early stop, with the patience counted afresh. */
    private void resumed(Checkpoint c, String file, Trainer trainer) {
        if (c.stoppedEarly()) {
            // The user asks for more epochs of a run that early stopping ended: go on from the weights it kept (the best
            // epoch's), with the patience counted afresh; stopping again at once would make resuming pointless.
            trainer.resetPatience();
            log.info("resumed from {}, which stopped early after epoch {}: training on from the weights of epoch {}, with"
                    + " early stopping's patience counted afresh", file, c.epoch(), c.bestEpoch() + 1);
        } else {
            log.info("resumed from {} after epoch {} ({} steps)", file, c.epoch(), c.steps());
        }
    }

    /** A bar for reading a large file: megabytes, with rate and ETA; gone when done (the loading line follows). */
    private static Progress.Task loadingBar(String name, long total) {
        ProgressBar bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                .setUnit(" MB", 1_000_000).setUpdateIntervalMillis(200).showSpeed().continuousUpdate().clearDisplayOnFinish()
                .setConsumer(Stderr.consumer()).build();
        return new Progress.Task() {
            @Override public void add(long units) {
                bar.stepBy(units);
            }

            @Override public void close() {
                bar.close();
            }
        };
    }

    private static ProgressBar bar(Config config, Experiment e, Trainer trainer) {
        long batches = trainer.shards() != null ? trainer.shards().steps() : (e.train().n() + config.training().batchSize() - 1) / config.training().batchSize();
        return new ProgressBarBuilder().setTaskName(config.name()).setInitialMax(config.training().epochs() * batches)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" steps", 1).setUpdateIntervalMillis(200).showSpeed()
                .continuousUpdate().clearDisplayOnFinish().setConsumer(Stderr.consumer()).build();
    }

    /** A metrics row with the epoch as a whole number, for JSON. */
    static Map<String, Object> ints(Map<String, Double> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, k.equals("epoch") ? (Object) v.longValue() : v));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void printText(PrintWriter out, Map<String, Object> r) {
        for (Map.Entry<String, Object> e : r.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> m) {
                List<String> parts = new ArrayList<>();
                ((Map<String, Object>) m).forEach((k, v) -> parts.add(k + "=" + (v instanceof Double d ? String.format("%.6g", d) : v)));
                out.printf("%-18s %s%n", e.getKey(), String.join("  ", parts));
            } else {
                out.printf("%-18s %s%n", e.getKey(), e.getValue() instanceof Double d ? String.format("%.6g", d) : e.getValue());
            }
        }
    }
}
