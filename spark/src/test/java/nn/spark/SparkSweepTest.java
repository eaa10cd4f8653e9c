package nn.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import nn.core.Json;
import nn.core.checkpoint.CheckpointFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * nn sweep --engine spark in local[2]: the same table and the same results as the local engine, a failed task
 * retried by Spark and resumed from the checkpoint its first attempt published, and a sweep folder on a Hadoop
 * file system other than the local one.
 */
class SparkSweepTest {
    private static final List<String> TIMING = List.of("load_seconds", "wall_seconds", "samples_per_second");

    @AfterEach
    void noHook() {
        SparkSweep.afterPublish = null;
    }

    private static Nn sweep(Path dir, boolean spark, String... extra) {
        List<String> args = new ArrayList<>(List.of("sweep", Nn.config("iris.yaml"), "optimizer.learning_rate=0.01,0.05", "training.epochs=4",
                "--seeds", "1-2", "--dir", dir.toString(), "-q", "--format", "tsv"));
        if (spark) args.addAll(List.of("--engine", "spark", "--master", "local[2]"));
        args.addAll(List.of(extra));
        return Nn.ok(args.toArray(String[]::new));
    }

    /** results.jsonl's lines by run, timing fields left out. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> results(Path dir) throws Exception {
        Map<String, Map<String, Object>> byRun = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir.resolve("results.jsonl"))) {
            Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) Json.read(line));
            m.keySet().removeAll(TIMING);
            byRun.put((String) m.get("run"), m);
        }
        return byRun;
    }

    @Test
    void printsTheLocalTableAndWritesTheLocalResults(@TempDir Path tmp) throws Exception {
        Path here = tmp.resolve("here"), there = tmp.resolve("there");
        Nn local = sweep(here, false), spark = sweep(there, true);
        assertEquals(local.out(), spark.out());
        Map<String, Map<String, Object>> a = results(here), b = results(there);
        assertEquals(a.keySet(), b.keySet());
        for (String run : a.keySet()) {
            Map<String, Object> x = new LinkedHashMap<>(a.get(run)), y = new LinkedHashMap<>(b.get(run));
            assertEquals(String.valueOf(x.remove("checkpoint")).replace(here.toString(), ""), String.valueOf(y.remove("checkpoint")).replace(there.toString(), ""));
            assertEquals(x, y, run);
            Nn.assertSameBits(CheckpointFile.read(here.resolve(run).resolve("last.ckpt")), CheckpointFile.read(there.resolve(run).resolve("last.ckpt")));
            assertEquals(Files.readString(here.resolve(run).resolve("metrics.csv")), Files.readString(there.resolve(run).resolve("metrics.csv")));
        }
    }

    /**
     * The first attempt of one run fails after its second epoch (as on a lost executor); Spark retries the task,
     * which resumes after epoch 2 from the published checkpoint and ends with the bits of an uninterrupted run.
     */
    @Test
    void aFailedTaskIsRetriedAndResumesFromItsCheckpoint(@TempDir Path tmp) throws Exception {
        Path here = tmp.resolve("here"), there = tmp.resolve("there");
        sweep(here, false);
        String victim = results(here).keySet().iterator().next();
        Map<String, List<Long>> seen = new ConcurrentHashMap<>();
        SparkSweep.afterPublish = (run, epoch) -> {
            List<Long> epochs = seen.computeIfAbsent(run, r -> java.util.Collections.synchronizedList(new ArrayList<>()));
            epochs.add(epoch);
            if (run.equals(victim) && epochs.size() == 2) throw new AssertionError("the executor running " + run + " is lost (a test's doing)");
        };
        sweep(there, true);
        assertEquals(List.of(1L, 2L, 3L, 4L), seen.get(victim), "the retry resumes after epoch 2");
        assertEquals("ok", results(there).get(victim).get("status"));
        for (String run : results(here).keySet()) {
            Nn.assertSameBits(CheckpointFile.read(here.resolve(run).resolve("last.ckpt")), CheckpointFile.read(there.resolve(run).resolve("last.ckpt")));
        }
    }

    /**
     * A sweep folder given as a URI of a Hadoop file system other than file: (a test one over the local disk with
     * no rename-over), and the sweep run again there: nothing left to run, the same table.
     */
    @Test
    void writesToAHadoopUriAndResumesThere(@TempDir Path tmp) throws Exception {
        Path here = tmp.resolve("here"), there = tmp.resolve("there");
        Nn local = sweep(here, false);
        String uri = "testfs://" + there.toAbsolutePath();
        String[] fs = {"--conf", "spark.hadoop.fs.testfs.impl=" + TestFileSystem.class.getName(), "--conf", "spark.hadoop.fs.testfs.impl.disable.cache=true"};
        List<String> args = new ArrayList<>(List.of("sweep", Nn.config("iris.yaml"), "optimizer.learning_rate=0.01,0.05", "training.epochs=4",
                "--seeds", "1-2", "--dir", uri, "-q", "--format", "tsv", "--engine", "spark", "--master", "local[2]"));
        args.addAll(List.of(fs));
        Nn first = Nn.ok(args.toArray(String[]::new));
        assertEquals(local.out(), first.out());
        for (String run : results(here).keySet()) {
            Nn.assertSameBits(CheckpointFile.read(here.resolve(run).resolve("last.ckpt")), CheckpointFile.read(there.resolve(run).resolve("last.ckpt")));
            assertEquals(String.valueOf(results(there).get(run).get("checkpoint")), uri + "/" + run + "/last.ckpt");
        }
        try (var files = Files.walk(there)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no file left under its temporary name");
        }
        Nn again = Nn.ok(args.toArray(String[]::new));
        assertEquals(local.out(), again.out());
        assertEquals(4, Files.readAllLines(there.resolve("results.jsonl")).size(), "nothing run twice");
    }
}
