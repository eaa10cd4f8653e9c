package nn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import nn.core.Json;
import nn.core.checkpoint.CheckpointFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * nn sweep as a user meets it, on small inline-data configs: the grid and its folders, every run bit-identical to
 * nn train with the same overrides and seed while two run side by side, a killed sweep resumed to the same results,
 * a diverging point isolated, and malformed sweeps refused in one located line before anything runs.
 */
class SweepCommandTest {
    /**
     * Two blobs, two classes: dropout (a generator to checkpoint), momentum (optimizer state), validation and test
     * splits, a checkpoint every 5 epochs.
     */
    static String blobs() {
        SplittableRandom r = new SplittableRandom(5);
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            int c = i % 2;
            double x = (c == 1 ? 1 : -1) + 0.8 * (r.nextDouble() * 2 - 1), y = (c == 1 ? -0.5 : 0.5) + 0.8 * (r.nextDouble() * 2 - 1);
            rows.append(String.format(Locale.ROOT, "      - [%.3f, %.3f, %d, %d]%n", x, y, 1 - c, c));
        }
        return """
                name: blobs
                seed: 1
                model:
                  layers:
                    - {units: 8, activation: tanh}
                    - {type: dropout, rate: 0.2}
                    - {units: 2, activation: softmax}
                loss: cross_entropy
                optimizer: {type: sgd, learning_rate: 0.1, momentum: 0.9}
                training: {epochs: 30, batch_size: 8}
                checkpoint: {every: 5}
                data:
                  train:
                    inline:
                """ + rows + """
                  validation: {split: 0.25}
                  test: {split: 0.2}
                """;
    }

    /** y = x1 − x2, with identity output and mse: a learning rate of 1e10 diverges. */
    static final String LINE = """
            name: line
            seed: 3
            model:
              inputs: 2
              layers:
                - {units: 3, activation: tanh}
                - {units: 1}
            loss: mse
            optimizer: {type: sgd, learning_rate: 0.05}
            training: {epochs: 20, batch_size: 2}
            data:
              train: {inline: [[0, 0, 0], [0, 1, -1], [1, 0, 1], [1, 1, 0], [0.5, 0, 0.5], [0, 0.5, -0.5]]}
            """;

    private static Path write(Path dir, String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static List<Map<String, Object>> results(Path dir) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("results.jsonl"))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) Json.read(line);
            out.add(m);
        }
        return out;
    }

    private static Map<String, Map<String, Object>> byRun(List<Map<String, Object>> lines) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Map<String, Object> m : lines) out.put((String) m.get("run"), m);
        return out;
    }

    /** A summary without the fields that measure time or name a path. */
    private static Map<String, Object> timeless(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>(m);
        out.keySet().removeAll(TrainingRun.TIMING);
        out.remove("checkpoint");
        return out;
    }

    /** A results line as nn train --summary json would print it: the sweep's own keys left out. */
    private static Map<String, Object> summaryOf(Map<String, Object> line) {
        Map<String, Object> out = new LinkedHashMap<>(line);
        out.keySet().removeAll(SweepResults.OWN);
        return timeless(out);
    }

    /**
     * A checkpoint's header (without its creation time) and its arrays' bytes: two checkpoints of the same state
     * written at different times are equal in both.
     */
    private static void assertSameCheckpoint(Path expected, Path actual) throws IOException {
        byte[] a = Files.readAllBytes(expected), b = Files.readAllBytes(actual);
        CheckpointFile.decode(a, expected.toString());
        CheckpointFile.decode(b, actual.toString());
        int ha = ByteBuffer.wrap(a).order(ByteOrder.LITTLE_ENDIAN).getInt(11), hb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(11);
        Map<?, ?> headA = new LinkedHashMap<>((Map<?, ?>) Json.read(new String(a, 15, ha, StandardCharsets.UTF_8)));
        Map<?, ?> headB = new LinkedHashMap<>((Map<?, ?>) Json.read(new String(b, 15, hb, StandardCharsets.UTF_8)));
        headA.remove("created");
        headB.remove("created");
        assertEquals(headA, headB, actual + " header");
        assertArrayEquals(java.util.Arrays.copyOfRange(a, 15 + ha, a.length - 4), java.util.Arrays.copyOfRange(b, 15 + hb, b.length - 4),
                actual + " arrays");
    }

    @Test
    void everyPointRunsForEverySeedInAFolderOfItsOwn(@TempDir Path tmp) throws IOException {
        Path config = write(tmp, "blobs.yaml", blobs());
        Path dir = tmp.resolve("sweep");
        Run r = Run.nn("sweep", config.toString(), "optimizer.learning_rate=0.05,0.1,0.2", "model.layers[0].units=4,8", "training.epochs=6",
                "--seeds", "1-2", "--dir", dir.toString(), "-q", "--format", "tsv");
        assertEquals(0, r.code(), r.err());
        List<String> expected = new ArrayList<>();
        String[] lr = {"0.05", "0.1", "0.2"}, units = {"4", "8"};
        for (int i = 0; i < 6; i++) {
            for (int s = 1; s <= 2; s++) expected.add(i + "-learning_rate=" + lr[i / 2] + ",units=" + units[i % 2] + "/seed-" + s);
        }
        List<String> found;
        try (Stream<Path> s = Files.walk(dir, 2)) {
            found = s.filter(p -> p.getFileName().toString().startsWith("seed-")).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
        assertEquals(expected.stream().sorted().toList(), found);
        Map<String, Map<String, Object>> lines = byRun(results(dir));
        assertEquals(12, lines.size());
        for (String run : expected) {
            Map<String, Object> line = lines.get(run);
            assertNotNull(line, run);
            assertEquals("ok", line.get("status"));
            assertEquals(6L, line.get("epochs_run"));
            Path folder = dir.resolve(run);
            for (String f : List.of("config.yaml", "metrics.csv", "last.ckpt", "best.ckpt")) assertTrue(Files.exists(folder.resolve(f)), folder + "/" + f);
            assertEquals(7, Files.readAllLines(folder.resolve("metrics.csv")).size(), "header and 6 epochs");
            String yaml = Files.readString(folder.resolve("config.yaml"));
            assertTrue(yaml.contains("learning_rate: " + ((Map<?, ?>) line.get("overrides")).get("optimizer.learning_rate")), yaml);
            assertTrue(yaml.contains("seed: " + line.get("seed")), yaml);
        }
        // nn plot on every run's metrics.csv at once: the curves named by the part of the path that tells them apart
        List<String> plot = new ArrayList<>(List.of("plot"));
        for (String run : expected) plot.add(dir.resolve(run).resolve("metrics.csv").toString());
        plot.addAll(List.of("-o", tmp.resolve("all.svg").toString()));
        Run drawn = Run.nn(plot.toArray(String[]::new));
        assertEquals(0, drawn.code(), drawn.err());
        assertTrue(Files.size(tmp.resolve("all.svg")) > 0);
        assertEquals(List.of("a/seed-1/m.csv", "b/seed-1/m.csv", "x.csv", "x.csv (2)"),
                PlotCommand.names(List.of(Path.of("d/a/seed-1/m.csv"), Path.of("d/b/seed-1/./m.csv"), Path.of("x.csv"), Path.of("x.csv"))));

        // the table: a header and one row per point, best validation accuracy first
        List<String> table = r.out().lines().toList();
        assertEquals(7, table.size(), r.out());
        assertEquals(List.of("point", "dir", "optimizer.learning_rate", "model.layers[0].units", "runs", "ok", "val_accuracy_mean",
                "val_accuracy_std", "val_accuracy_min", "val_accuracy_max", "test_accuracy_mean", "test_accuracy_std", "test_accuracy_min",
                "test_accuracy_max", "failed"), List.of(table.get(0).split("\t", -1)));
        double last = Double.POSITIVE_INFINITY;
        for (String row : table.subList(1, 7)) {
            String[] cells = row.split("\t", -1);
            assertEquals("2", cells[4]);
            assertEquals("2", cells[5]);
            double mean = Double.parseDouble(cells[6]);
            assertTrue(mean <= last, "sorted best first: " + r.out());
            last = mean;
            // the mean is the mean of the two runs' best-epoch validation accuracy
            double sum = 0;
            for (int s = 1; s <= 2; s++) sum += ((Number) ((Map<?, ?>) lines.get(cells[1] + "/seed-" + s).get("best")).get("val_accuracy")).doubleValue();
            assertEquals(sum / 2, mean, 1e-15);
        }
    }

    /**
     * Two runs at a time, sharing the data: every run's checkpoints, metrics and summary are those of nn train with
     * the same overrides and seed, alone.
     */
    @Test
    void runsSideBySideAreBitIdenticalToNnTrainAlone(@TempDir Path tmp) throws IOException {
        Path config = write(tmp, "blobs.yaml", blobs());
        Path dir = tmp.resolve("sweep");
        Run r = Run.nn("sweep", config.toString(), "optimizer.learning_rate=0.05,0.2", "--seeds", "1,7", "--parallel", "2", "--dir", dir.toString(), "-q");
        assertEquals(0, r.code(), r.err());
        Map<String, Map<String, Object>> lines = byRun(results(dir));
        assertEquals(4, lines.size());
        for (Map<String, Object> line : lines.values()) {
            String lr = (String) ((Map<?, ?>) line.get("overrides")).get("optimizer.learning_rate");
            Path alone = tmp.resolve("train-" + line.get("run").toString().replace('/', '-'));
            Run t = Run.nn("train", config.toString(), "optimizer.learning_rate=" + lr, "seed=" + line.get("seed"), "--checkpoint-dir", alone.toString(),
                    "--metrics", alone + ".csv", "--summary", "json", "-q");
            assertEquals(0, t.code(), t.err());
            @SuppressWarnings("unchecked")
            Map<String, Object> summary = (Map<String, Object>) Json.read(t.out().strip());
            assertEquals(timeless(summary), summaryOf(line), line.get("run").toString());
            Path folder = dir.resolve(line.get("run").toString());
            for (String f : List.of("last.ckpt", "best.ckpt", "epoch-000020.ckpt", "epoch-000025.ckpt", "epoch-000030.ckpt")) {
                assertSameCheckpoint(alone.resolve(f), folder.resolve(f));
            }
            assertEquals(Files.readString(Path.of(alone + ".csv")), Files.readString(folder.resolve("metrics.csv")));
        }
    }

    /**
     * A sweep killed midway: the last two results lines lost (one run finished, its line unwritten; one cut off
     * after epoch 20 with a torn line half written). The same command again finishes it, with every result and
     * checkpoint equal to an uninterrupted sweep's.
     */
    @Test
    void aKilledSweepResumesToTheUninterruptedResults(@TempDir Path tmp) throws IOException {
        Path config = write(tmp, "blobs.yaml", blobs());
        Path whole = tmp.resolve("whole"), killed = tmp.resolve("killed");
        String[] args = {"sweep", config.toString(), "optimizer.learning_rate=0.05,0.2", "--seeds", "1-2", "--parallel", "2", "-q"};
        for (Path d : List.of(whole, killed)) {
            List<String> a = new ArrayList<>(List.of(args));
            a.addAll(List.of("--dir", d.toString()));
            assertEquals(0, Run.nn(a.toArray(String[]::new)).code());
        }
        List<String> lines = Files.readAllLines(killed.resolve("results.jsonl"));
        String cut = (String) ((Map<?, ?>) Json.read(lines.get(3))).get("run"), unwritten = (String) ((Map<?, ?>) Json.read(lines.get(2))).get("run");
        Files.writeString(killed.resolve("results.jsonl"), String.join("\n", lines.subList(0, 2)) + "\n" + lines.get(3).substring(0, 40));
        Path folder = killed.resolve(cut);
        Files.copy(folder.resolve("epoch-000020.ckpt"), folder.resolve("last.ckpt"), StandardCopyOption.REPLACE_EXISTING);
        for (String f : List.of("epoch-000025.ckpt", "epoch-000030.ckpt", "best.ckpt")) Files.delete(folder.resolve(f));
        Files.writeString(folder.resolve("metrics.csv"), "epoch,lr\n1,0.0");
        assertEquals(20, CheckpointFile.read(folder.resolve("last.ckpt")).epoch());

        List<String> a = new ArrayList<>(List.of(args));
        a.addAll(List.of("--dir", killed.toString(), "--format", "json"));
        Run again = Run.nn(a.toArray(String[]::new));
        assertEquals(0, again.code(), again.err());
        List<Map<String, Object>> after = results(killed);
        assertEquals(4, after.size(), "two lines kept, the torn one cut off, two appended");
        assertEquals(java.util.Set.of(cut, unwritten), java.util.Set.of(after.get(2).get("run"), after.get(3).get("run")));
        Map<String, Map<String, Object>> expected = byRun(results(whole));
        for (Map<String, Object> line : after) {
            String run = (String) line.get("run");
            assertEquals(summaryOf(expected.get(run)), summaryOf(line), run);
            for (String f : List.of("last.ckpt", "best.ckpt", "epoch-000030.ckpt")) assertSameCheckpoint(whole.resolve(run).resolve(f), killed.resolve(run).resolve(f));
            assertEquals(Files.readString(whole.resolve(run).resolve("metrics.csv")), Files.readString(killed.resolve(run).resolve("metrics.csv")));
        }
        // and once complete, the same command runs nothing and prints the same table
        Run third = Run.nn(a.toArray(String[]::new));
        assertEquals(again.out(), third.out());
        assertEquals(4, results(killed).size());
    }

    /** A point that diverges and one whose override fails when its data are read are recorded; the others run; exit 1. */
    @Test
    void aFailingPointIsIsolated(@TempDir Path tmp) throws IOException {
        Path config = write(tmp, "line.yaml", LINE);
        Path dir = tmp.resolve("sweep");
        Run r = Run.nn("sweep", config.toString(), "optimizer.learning_rate=0.05,1e10,0.1", "--dir", dir.toString(), "-q", "--format", "tsv");
        assertEquals(1, r.code(), r.err());
        Map<String, Map<String, Object>> lines = byRun(results(dir));
        assertEquals("ok", lines.get("0-learning_rate=0.05/seed-3").get("status"));
        assertEquals("ok", lines.get("2-learning_rate=0.1/seed-3").get("status"));
        Map<String, Object> bad = lines.get("1-learning_rate=1e10/seed-3");
        assertEquals("diverged", bad.get("status"));
        assertTrue(((String) bad.get("error")).matches("training diverged: epoch \\d+, batch \\d+: .*"), bad.toString());
        List<String> rows = r.out().lines().toList();
        assertEquals(4, rows.size());
        assertTrue(rows.get(3).startsWith("1\t1-learning_rate=1e10\t1e10\t1\t0\t\t\t\t\tseed 3 diverged: training diverged: epoch "), rows.get(3));
        assertFalse(rows.get(1).endsWith("diverged"));
        // the train loss is the metric without validation; lower is better
        assertTrue(r.out().lines().findFirst().orElseThrow().contains("train_loss_mean"));

        // model.inputs=3 against 2-feature rows: a mistake found when the data are read, recorded as failed
        Path dir2 = tmp.resolve("sweep2");
        Run r2 = Run.nn("sweep", config.toString(), "model.inputs=2,3", "--dir", dir2.toString(), "-q");
        assertEquals(1, r2.code(), r2.err());
        Map<String, Object> failed = byRun(results(dir2)).get("1-inputs=3/seed-3");
        assertEquals("failed", failed.get("status"));
        assertTrue(((String) failed.get("error")).startsWith(config + ":"), failed.toString());
        assertEquals("ok", byRun(results(dir2)).get("0-inputs=2/seed-3").get("status"));
        assertTrue(r2.out().contains("seed 3 failed: " + failed.get("error")), r2.out());
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of(List.of("optimizer.lerning_rate=0.1,0.2"), "", "nn: argument 'optimizer.lerning_rate=0.1,0.2':1:1: optimizer.lerning_rate: unknown parameter (did you mean learning_rate?"),
                Arguments.of(List.of("optimizer.learning_rate=0.1,-1"), "", "nn: argument 'optimizer.learning_rate=0.1,-1':1:29: optimizer.learning_rate: -1 is out of range"),
                Arguments.of(List.of("training.epochs=5", "optimizer.learning_rate=0.1, x"), "", "nn: argument 'optimizer.learning_rate=0.1, x':1:30: optimizer.learning_rate: "),
                Arguments.of(List.of("optimizer.learning_rate="), "", "nn: argument 'optimizer.learning_rate=':1:24: optimizer.learning_rate: an empty value"),
                Arguments.of(List.of("optimizer.learning_rate=0.1,,0.2"), "", "nn: argument 'optimizer.learning_rate=0.1,,0.2':1:29: optimizer.learning_rate: an empty value"),
                Arguments.of(List.of("optimizer.learning_rate=range(0.5,0.1,0.1)"), "", "nn: argument 'optimizer.learning_rate=range(0.5,0.1,0.1)':1:25: optimizer.learning_rate: range(0.5,0.1,0.1): no values"),
                Arguments.of(List.of("optimizer.learning_rate=range(0.1,1,0)"), "", "nn: argument 'optimizer.learning_rate=range(0.1,1,0)':1:25: optimizer.learning_rate: range(0.1,1,0): the step is 0"),
                Arguments.of(List.of("seed=1,2"), "", "nn: argument 'seed=1,2':1:1: seed: seeds are swept with --seeds"),
                Arguments.of(List.of("optimizer.learning_rate=0.1", "optimizer.learning_rate=0.2"), "", "nn: argument 'optimizer.learning_rate=0.2':1:1: optimizer.learning_rate: given twice"),
                Arguments.of(List.of("model.layers[0]={units: 3"), "", "nn: argument 'model.layers[0]={units: 3':1:17: malformed YAML: the mapping { opened here is never closed"),
                Arguments.of(List.of("--seeds", "3-1"), "", "nn: --seeds 3-1: 3-1 runs backwards (write 1-3)"),
                Arguments.of(List.of("--seeds", "1,x"), "", "nn: --seeds 1,x: expected seeds such as 1-5, 1,3,7 or 1-3,10"),
                Arguments.of(List.of("--parallel", "0"), "", "nn: --parallel 0: must be 1 or more"),
                Arguments.of(List.of("--sort", "train_los"), "", "nn: --sort train_los: no such column (did you mean train_loss?"),
                Arguments.of(List.of(), "sweep: {optimizer.learning_rate: []}\n", "nn: $C:13:34: sweep.optimizer.learning_rate: no values (list one or more: [V1, V2])"),
                Arguments.of(List.of(), "sweep: {optimizer.learning_rate: [0.1, -1]}\n", "nn: $C:13:40: optimizer.learning_rate: -1 is out of range"),
                Arguments.of(List.of(), "sweep: {optimizer.lerning_rate: [0.1, 0.2]}\n", "nn: $C:13:9: optimizer.lerning_rate: unknown parameter (did you mean learning_rate?"),
                Arguments.of(List.of(), "sweep: {seeds: [1, x]}\n", "nn: $C:13:20: sweep.seeds: expected whole numbers, found 'x'"),
                Arguments.of(List.of(), "sweep: [1, 2]\n", "nn: $C:13:8: sweep: expected a mapping"));
    }

    /** A malformed sweep: exit 2, one line naming the argument or the place, nothing on stdout, no folder made. */
    @ParameterizedTest
    @MethodSource("malformed")
    void aMalformedSweepIsRefusedBeforeAnyRun(List<String> extra, String section, String expected, @TempDir Path tmp) throws IOException {
        Path config = write(tmp, "line.yaml", LINE + section);
        Path dir = tmp.resolve("sweep");
        List<String> args = new ArrayList<>(List.of("sweep", config.toString(), "--dir", dir.toString()));
        args.addAll(extra);
        Run r = Run.nn(args.toArray(String[]::new));
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        String want = expected.replace("$C", config.toString());
        assertTrue(r.err().startsWith(want), "expected: " + want + "\n   found: " + r.err());
        assertFalse(Files.exists(dir), "no folder made");
    }

    /** The sweep: section of a config: its keys and seeds, and a command-line key replacing the section's values. */
    @Test
    void theConfigsSweepSectionIsTheGridAndTheCommandLineOverridesIt(@TempDir Path tmp) throws IOException {
        Path config = write(tmp, "line.yaml", LINE + "sweep:\n  optimizer.learning_rate: [0.05, 0.1]\n  training.epochs: range(2, 7, 4)\n  seeds: 1-2\n");
        Path dir = tmp.resolve("sweep");
        Run r = Run.nn("sweep", config.toString(), "--dir", dir.toString(), "-q", "--format", "csv", "--sort", "point");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("0-learning_rate=0.05,epochs=2/seed-1", "0-learning_rate=0.05,epochs=2/seed-2", "1-learning_rate=0.05,epochs=6/seed-1",
                "1-learning_rate=0.05,epochs=6/seed-2", "2-learning_rate=0.1,epochs=2/seed-1", "2-learning_rate=0.1,epochs=2/seed-2",
                "3-learning_rate=0.1,epochs=6/seed-1", "3-learning_rate=0.1,epochs=6/seed-2"),
                results(dir).stream().map(m -> (String) m.get("run")).sorted().toList());
        assertTrue(r.out().startsWith("point,dir,optimizer.learning_rate,training.epochs,runs,ok,train_loss_mean,"), r.out());
        assertEquals(5, r.out().lines().count());

        Path dir2 = tmp.resolve("sweep2");
        Run r2 = Run.nn("sweep", config.toString(), "training.epochs=3", "--seeds", "5", "--dir", dir2.toString(), "-q", "--format", "jsonl", "--top", "1");
        assertEquals(0, r2.code(), r2.err());
        assertEquals(List.of("0-learning_rate=0.05/seed-5", "1-learning_rate=0.1/seed-5"), results(dir2).stream().map(m -> (String) m.get("run")).sorted().toList());
        for (Map<String, Object> m : results(dir2)) assertEquals(3L, m.get("epochs_run"));
        assertEquals(1, r2.out().lines().count(), "--top 1");
    }

    /** A data file the runs share is read once: one loading line for four runs, two of them at a time. */
    @Test
    void theDataAreReadOnceForAllRuns(@TempDir Path tmp) throws Exception {
        Run r = Run.jvm(List.of(), "sweep", Run.config("iris.yaml"), "training.epochs=3", "optimizer.learning_rate=0.01,0.02", "--seeds", "1-2",
                "--parallel", "2", "--dir", tmp.resolve("sweep").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("loading ")).count(), r.err());
        assertEquals(4, r.err().lines().filter(l -> l.matches("\\[\\d/4] .*: ok, .*")).count(), r.err());
        assertEquals(4, results(tmp.resolve("sweep")).size());
    }

    @Test
    void valuesSplitAtCommasOutsideBracketsAndQuotes() {
        assertEquals(List.of("32", "64"), Sweep.axis("model.layers[0].units=32,64").values());
        assertEquals(List.of("[32,64]"), Sweep.axis("data.train.features=[32,64]").values());
        assertEquals(List.of("[1,2]", "[3, 4]"), Sweep.axis("x=[1,2], [3, 4]").values());
        assertEquals(List.of("{type: adam, learning_rate: 0.1}", "{type: sgd}"), Sweep.axis("optimizer={type: adam, learning_rate: 0.1},{type: sgd}").values());
        assertEquals(List.of("'a,b'", "\"c,\\\"d\""), Sweep.axis("name='a,b',\"c,\\\"d\"").values());
        assertEquals(List.of("1", "4", "7"), Sweep.axis("k=range(1, 10, 3)").values());
        assertEquals(List.of("0.1", "0.2", "0.3", "0.4"), Sweep.axis("k=range(0.1,0.5,0.1)").values());
        assertEquals(List.of("1.0", "0.5"), Sweep.axis("k=range(1,0,-0.5)").values());
        assertEquals(List.of("8", "0", "1", "2"), Sweep.axis("k=8,range(0,3)").values());
        assertEquals(List.of(1L, 2L, 3L, 7L), Sweep.seeds("1-3,7"));
    }
}
