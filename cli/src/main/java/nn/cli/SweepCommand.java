package nn.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import nn.core.AtomicFile;
import nn.core.BadInputException;
import nn.core.DivergedException;
import nn.core.checkpoint.Checkpoint;
import nn.core.checkpoint.CheckpointFile;
import nn.core.checkpoint.CheckpointSaver;
import nn.core.config.ConfigException;
import nn.core.config.Node;
import nn.core.config.Overrides;
import nn.core.config.Yaml;
import nn.core.data.Progress;
import nn.core.tensor.Parallel;
import nn.core.train.Config;
import nn.core.train.DataCache;
import nn.core.train.History;
import nn.core.train.Trainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * nn sweep: every point of a grid of overrides, for every seed, trained as {@code nn train} trains it, in one JVM:
 * data read once, runs side by side, each in a folder of its own, a line in results.jsonl as each ends; the table
 * of mean ± std over seeds on stdout. docs/sweep.md is its manual.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Train CONFIG for every point of a grid of overrides (KEY=V1,V2,… or KEY=range(a,b,step); and the config's sweep:"
                + " section) and every seed, in one JVM. Runs go to DIR/<point>/seed-S/, one line each to DIR/results.jsonl;"
                + " a table of mean ± std over seeds to stdout. Running the same command again resumes the sweep.",
                "Exit: 0 every run ok, 1 some run diverged or failed, 2 the sweep itself is malformed."})
final class SweepCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger("nn.sweep");

    @ParentCommand
    Nn root;

    @Spec
    CommandSpec spec;

    @Mixin
    LoggingMixin logging;

    @Mixin
    nn.cli.engine.EngineOptions engine;

    @Parameters(index = "0", paramLabel = "CONFIG", description = "The YAML config file.")
    Path config;

    @Parameters(index = "1..*", paramLabel = "KEY=VALUES",
            description = "A swept key and its values, read as YAML, separated by commas outside brackets and quotes: "
                    + "optimizer.learning_rate=0.001,0.003 model.layers[0].units=range(16,65,16); one value sets the key for every run.")
    List<String> grid = new ArrayList<>();

    @Option(names = "--seeds", paramLabel = "SEEDS", description = "Run every point for these seeds: 1-5, 1,3,7 or 1-3,10 (default: the config's seed).")
    String seeds;

    @Option(names = "--parallel", paramLabel = "N", description = "Runs at a time (default: one per processor, at most the runs to do).")
    Integer parallel;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where the runs and results.jsonl go (default runs/<config name>-sweep);"
            + " with --engine spark also a Hadoop URI (hdfs://…, s3a://…).")
    String dir;

    @Option(names = "--sort", paramLabel = "KEY", description = "Sort the table by this column or metric (default: the validation metric, best first).")
    String sort;

    @Option(names = "--top", paramLabel = "K", description = "Print only the first K rows.")
    Integer top;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default: aligned, mean ± std), tsv, csv, jsonl or json.")
    SweepTable.Format format = SweepTable.Format.text;

    @Option(names = "--progress", negatable = true, description = "Runs done, running and the time left on stderr (default: when stderr is a terminal and not -q).")
    Boolean progress;

    /** One run of the sweep: a point, a seed, its resolved config and where it goes. */
    record Planned(Sweep.Point point, long seed, List<String> overrides, Config config, String sha, String run) {}

    @Override
    public Integer call() throws IOException, InterruptedException {
        logging.apply();
        if (parallel != null && parallel < 1) throw new BadInputException("--parallel " + parallel + ": must be 1 or more");
        if (top != null && top < 1) throw new BadInputException("--top " + top + ": must be 1 or more");
        Node.Mapping base = Yaml.readFile(config);
        Sweep sweep = Sweep.of(base.get("sweep"), grid, seeds);
        engine.check();
        if (!engine.local() && parallel != null) throw new BadInputException("--parallel is for the local engine: with --engine spark the executors' cores decide");
        List<Planned> runs = plan(sweep);
        String where = dir != null ? dir : Path.of("runs", runs.get(0).config().name() + "-sweep").toString();
        SweepFolder folder = SweepFolder.of(where, engine);
        SweepTable table = new SweepTable(sweep.varying(), runs.get(0).config());
        String sortColumn = table.sortColumn(sort);
        if (!engine.local()) for (Planned r : runs) SweepFolder.checkReadable(r.config());
        // Every check that needs no run has passed: from here on a mistake is a run's, recorded, and the sweep goes on.
        int points = runs.size() / Math.max(1, sweep.seeds() == null ? 1 : sweep.seeds().size());
        SweepResults results;
        try (nn.cli.engine.Engine remote = engine.local() ? null : nn.cli.engine.Engines.open(engine, "sweep " + runs.get(0).config().name())) {
            Path out = folder.open(remote);
            results = SweepResults.open(out);
            List<Planned> todo = new ArrayList<>();
            for (Planned r : runs) if (!complete(results.get(r.run(), r.sha()))) todo.add(r);
            int cores = Runtime.getRuntime().availableProcessors();
            int n = remote != null ? remote.slots() : parallel != null ? parallel : Math.max(1, Math.min(cores, todo.size()));
            int threads = Math.max(1, cores / n);
            log.info("sweep: {} {} × {} {} = {} {} in {}{}", points, points == 1 ? "point" : "points", runs.size() / points,
                    runs.size() / points == 1 ? "seed" : "seeds", runs.size(), runs.size() == 1 ? "run" : "runs", where,
                    todo.size() < runs.size() ? " (" + (runs.size() - todo.size()) + " done already, " + todo.size() + " to run)" : "");
            if (remote != null) {
                if (!todo.isEmpty()) log.info("sweep: on Spark, as many runs at a time as the executors have cores ({} now)", n);
                executeOn(remote, todo, folder, results);
            } else {
                if (!todo.isEmpty()) log.info("sweep: {} {} at a time, {} {} each", Math.min(n, todo.size()), Math.min(n, todo.size()) == 1 ? "run" : "runs",
                        threads, threads == 1 ? "thread" : "threads");
                execute(todo, out, results, n, threads);
            }
        }
        List<SweepTable.Row> rows = new ArrayList<>();
        boolean allOk = true;
        int perPoint = runs.size() / points;
        for (int p = 0; p < points; p++) {
            List<Long> s = new ArrayList<>();
            List<Map<String, Object>> lines = new ArrayList<>();
            for (int k = 0; k < perPoint; k++) {
                Planned r = runs.get(p * perPoint + k);
                Map<String, Object> line = results.get(r.run(), r.sha());
                s.add(r.seed());
                lines.add(line);
                allOk &= line != null && "ok".equals(line.get("status"));
            }
            rows.add(new SweepTable.Row(runs.get(p * perPoint).point(), s, lines));
        }
        PrintWriter stdout = spec.commandLine().getOut();
        table.write(rows, sortColumn, top == null ? 0 : top, format, stdout);
        stdout.flush();
        return allOk ? Nn.OK : Nn.FAILED;
    }

    /**
     * Every point × seed, its config resolved and checked now, before any run starts: a key the config does not
     * have or a value out of range is the sweep's mistake (exit 2), said where the value was written.
     */
    private List<Planned> plan(Sweep sweep) {
        List<Planned> runs = new ArrayList<>();
        List<Long> seedList = sweep.seeds() == null ? java.util.Collections.singletonList(null) : sweep.seeds();
        for (Sweep.Point p : sweep.points()) {
            for (Long seed : seedList) {
                List<String> overrides = new ArrayList<>(p.overrides());
                if (seed != null) overrides.add("seed=" + seed);
                Config c = load(sweep, p, overrides);
                runs.add(new Planned(p, c.seed(), List.copyOf(overrides), c, sha(c), p.name() + "/seed-" + c.seed()));
            }
        }
        return runs;
    }

    /** The config with the point's overrides (the sweep: section left out), as nn train CONFIG OVERRIDES would read it. */
    private Config load(Sweep sweep, Sweep.Point p, List<String> overrides) {
        Node.Mapping tree = Yaml.readFile(config);
        tree.remove("sweep");
        try {
            Overrides.apply(tree, overrides);
            return Config.of(config, tree, root.plugins());
        } catch (ConfigException ex) {
            for (int k = 0; k < p.overrides().size(); k++) {
                ConfigException moved = sweep.relocate(ex, p, k);
                if (moved != ex) throw moved;
            }
            throw ex;
        }
    }

    /** A short hash of the resolved config: a result counts for a run only if it was made from the same config. */
    static String sha(Config c) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(Yaml.dump(c.tree()).getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Done, and not to run again: ended ok, or diverged (the same config and seed diverge again). A failed run is tried again. */
    private static boolean complete(Map<String, Object> line) {
        return line != null && ("ok".equals(line.get("status")) || "diverged".equals(line.get("status")));
    }

    /** Runs todo, n at a time, each on threads threads of its own, appending each result as it ends. */
    private void execute(List<Planned> todo, Path out, SweepResults results, int n, int threads) throws InterruptedException, IOException {
        if (todo.isEmpty()) return;
        DataCache cache = new DataCache();
        AtomicInteger count = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "nn-sweep-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        boolean bar = progress != null ? progress : Terminal.stderr() && !logging.quiet;
        Status status = new Status(todo, bar);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (Planned r : todo) {
                futures.add(pool.submit(() -> {
                    int want = r.config().training().threads();
                    status.started();
                    Map<String, Object> line;
                    try (Parallel context = Parallel.create(want > 0 ? Math.min(want, threads) : threads); Parallel.Scope s = context.bind()) {
                        line = runOne(r, out, cache, status);
                    }
                    results.append(line);
                    status.ended(r, line);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException ex) {
                    // only writing results.jsonl fails a sweep; a run's own failure is its result
                    if (ex.getCause() instanceof RuntimeException re) throw re;
                    if (ex.getCause() instanceof Error err) throw err;
                    throw new IllegalStateException(ex.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
            status.close();
        }
    }

    /** What a run needs to run anywhere ({@link SweepRun}). */
    private SweepRun.Task task(Planned r) {
        return new SweepRun.Task(r.run(), r.point().index(), r.point().values(), r.seed(), r.sha(), config.toAbsolutePath().toString(),
                Yaml.dump(r.config().tree()),
                r.config().plugins().jars().stream().map(p -> p.toAbsolutePath().toString()).toList());
    }

    /** One run in this process, in DIR/RUN. */
    private Map<String, Object> runOne(Planned r, Path out, DataCache cache, Status status) {
        return SweepRun.run(task(r), r.config(), out.resolve(r.run()), root.stdin(), cache, new SweepRun.Hooks() {
            @Override
            public void resumed(long epochs) {
                status.resumed(epochs);
            }

            @Override
            public void epoch(long epoch) {
                status.epoch();
            }
        });
    }

    /**
     * The runs on another engine: each line, as it comes back, gets the checkpoint's place in the sweep folder (as
     * the local engine names it), is appended to results.jsonl and published.
     */
    private void executeOn(nn.cli.engine.Engine remote, List<Planned> todo, SweepFolder folder, SweepResults results) throws InterruptedException {
        if (todo.isEmpty()) return;
        boolean bar = progress != null ? progress : Terminal.stderr() && !logging.quiet;
        Map<String, Planned> byRun = new LinkedHashMap<>();
        for (Planned r : todo) byRun.put(r.run(), r);
        try (Status status = new Status(todo, bar)) {
            for (int i = 0; i < todo.size(); i++) status.started();
            remote.sweep(todo.stream().map(this::task).toList(), folder.uri(), line -> {
                Planned r = byRun.get(String.valueOf(line.get("run")));
                if (line.get("checkpoint") instanceof String name) line.put("checkpoint", folder.child(r.run(), name));
                results.append(line);
                folder.published(remote, results.file());
                status.ended(r, line);
            });
        }
    }

    /**
     * What the sweep has done so far: a line per run as it ends, and on a terminal a status line below them (runs
     * done, running, failed, and the time left, from the epochs trained so far).
     */
    private static final class Status implements AutoCloseable {
        private final int total;
        private final long epochs;
        private final boolean bar;
        private final long start = System.nanoTime();
        private final AtomicInteger done = new AtomicInteger(), running = new AtomicInteger(), failed = new AtomicInteger();
        private final AtomicLong trained = new AtomicLong(), skipped = new AtomicLong();
        private final java.util.concurrent.ScheduledExecutorService ticker;
        private boolean closed;

        Status(List<Planned> todo, boolean bar) {
            this.total = todo.size();
            long e = 0;
            for (Planned r : todo) e += r.config().training().epochs();
            this.epochs = e;
            this.bar = bar;
            this.ticker = bar ? Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "nn-sweep-status");
                t.setDaemon(true);
                return t;
            }) : null;
            if (ticker != null) ticker.scheduleAtFixedRate(this::draw, 0, 500, java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        void started() {
            running.incrementAndGet();
        }

        /** A run resumed after epochs epochs: those are not to be trained (nor counted as trained now). */
        void resumed(long epochs) {
            skipped.addAndGet(epochs);
        }

        void epoch() {
            trained.incrementAndGet();
        }

        void ended(Planned r, Map<String, Object> line) {
            running.decrementAndGet();
            int k = done.incrementAndGet();
            String s = String.valueOf(line.get("status"));
            if (!s.equals("ok")) {
                failed.incrementAndGet();
                log.warn("[{}/{}] {}: {}: {}", k, total, r.run(), s, line.get("error"));
            } else {
                log.info("[{}/{}] {}: ok, {} ({} s)", k, total, r.run(), metrics(line),
                        String.format(java.util.Locale.ROOT, "%.1f", ((Number) line.get("wall_seconds")).doubleValue()));
            }
            draw();
        }

        private static String metrics(Map<String, Object> line) {
            List<String> parts = new ArrayList<>();
            for (String section : new String[] {"best", "test"}) {
                if (line.get(section) instanceof Map<?, ?> m) {
                    m.forEach((k, v) -> {
                        if (!k.equals("epoch") && !k.equals("lr") && !String.valueOf(k).startsWith("train_") && v instanceof Number x) {
                            parts.add(k + " " + String.format(java.util.Locale.ROOT, "%.4g", x.doubleValue()));
                        }
                    });
                }
            }
            return parts.isEmpty() ? "best epoch " + ((Map<?, ?>) line.getOrDefault("best", Map.of())).get("epoch") : String.join(", ", parts);
        }

        private synchronized void draw() {
            if (!bar || closed) return;
            double elapsed = (System.nanoTime() - start) / 1e9;
            long t = trained.get(), left = Math.max(0, epochs - skipped.get() - t);
            String eta = t == 0 ? "?" : clock(elapsed * left / t);
            Stderr.bar(String.format(java.util.Locale.ROOT, "sweep: %d/%d runs done, %d running%s, %s elapsed, %s left", done.get(), total,
                    running.get(), failed.get() > 0 ? ", " + failed.get() + " failed" : "", clock(elapsed), eta));
        }

        private static String clock(double seconds) {
            long s = Math.round(seconds);
            return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format("%d:%02d", s / 60, s % 60);
        }

        @Override
        public synchronized void close() {
            closed = true;
            if (ticker != null) {
                ticker.shutdownNow();
                Stderr.clearBar();
            }
        }
    }
}
