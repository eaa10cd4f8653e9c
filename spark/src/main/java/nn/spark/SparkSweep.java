package nn.spark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import nn.cli.SweepRun;
import nn.core.Json;
import nn.core.tensor.Parallel;
import nn.core.train.DataCache;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * nn sweep's runs as Spark tasks: one job of one task per run, all submitted at once, so Spark runs as many at a
 * time as the executors have cores and retries a failed task (whose new attempt resumes from the checkpoint the
 * failed one published). Each task trains its run as the local engine does ({@link SweepRun}), in a local folder
 * mirrored to DIR/RUN ({@link RunFolder}), and returns its results line.
 */
final class SparkSweep {
    /** Rows read by runs on this executor, kept for the next run that reads the same file (as nn sweep's threads share them). */
    private static final DataCache CACHE = new DataCache();

    /**
     * For tests: told (run, epoch) after each epoch's files are published, on the executor; may throw, as a lost
     * executor would fail the task there. Null in use.
     */
    static volatile java.util.function.BiConsumer<String, Long> afterPublish;

    private SparkSweep() {}

    static void run(JavaSparkContext sc, List<SweepRun.Task> tasks, String dir, Consumer<Map<String, Object>> done) throws InterruptedException {
        HadoopFiles files = new HadoopFiles(sc.hadoopConfiguration());
        List<JavaFutureAction<List<String>>> futures = new ArrayList<>();
        for (SweepRun.Task t : tasks) {
            sc.setJobDescription("nn sweep: " + t.run());
            futures.add(sc.parallelize(List.of(t), 1).map(task -> train(task, dir, files)).collectAsync());
        }
        boolean[] reported = new boolean[tasks.size()];
        for (int left = tasks.size(); left > 0; ) {
            for (int i = 0; i < tasks.size(); i++) {
                if (reported[i] || !futures.get(i).isDone()) continue;
                reported[i] = true;
                left--;
                done.accept(result(tasks.get(i), futures.get(i)));
            }
            if (left > 0) Thread.sleep(50);
        }
    }

    /** The task's line, or, when Spark gave up on it (every attempt failed), a failed line saying why. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> result(SweepRun.Task t, JavaFutureAction<List<String>> f) throws InterruptedException {
        try {
            return (Map<String, Object>) Json.read(f.get().get(0));
        } catch (java.util.concurrent.ExecutionException e) {
            Map<String, Object> line = SweepRun.line(t);
            line.put("status", "failed");
            String why = String.valueOf(e.getCause() == null ? e : e.getCause().getMessage());
            line.put("error", "spark: " + why.lines().findFirst().orElse(why));
            return line;
        }
    }

    /** On an executor: trains one run in a local folder mirrored to DIR/RUN; its results line as JSON. */
    private static String train(SweepRun.Task t, String dir, HadoopFiles files) throws IOException {
        java.nio.file.Path local = Files.createTempDirectory("nn-sweep-");
        try {
            RunFolder folder = new RunFolder(files, new Path(dir, t.run()), local);
            folder.fetch();
            Map<String, Object> line;
            try (Parallel context = Parallel.create(1); Parallel.Scope s = context.bind()) {
                line = SweepRun.run(t, t.config(ShardJob.plugins(t.pluginJars())), local, InputStream.nullInputStream(), CACHE, new SweepRun.Hooks() {
                    @Override
                    public void epoch(long epoch) {
                        try {
                            folder.publish();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                        var hook = afterPublish;
                        if (hook != null) hook.accept(t.run(), epoch);
                    }
                });
            }
            folder.publish();
            // where the checkpoint is for the driver: its name in the run's folder (the local one is gone)
            if (line.get("checkpoint") instanceof String c) line.put("checkpoint", java.nio.file.Path.of(c).getFileName().toString());
            return Json.write(line, Json.NonFinite.AS_NULL);
        } finally {
            try (var all = Files.walk(local)) {
                all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
