package nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import nn.core.checkpoint.Checkpoint;
import nn.core.checkpoint.CheckpointFile;
import nn.core.train.Plugins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** nn train's checkpoints, --resume, and the commands that read checkpoints, through the command line. */
class CheckpointCommandsTest {
    /** sgd + momentum, shuffled mini-batches and dropout: every piece of state a resume must restore. */
    static final String CONFIG = "../configs/iris-sgd.yaml";

    record Run(int code, String out, String err) {}

    static Run nn(String... args) {
        return nnWithStdin(null, args);
    }

    static Run nnWithStdin(String stdin, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        Nn root = new Nn();
        if (stdin != null) root.stdin(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        var cl = Nn.commandLine(root);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static Run ok(String... args) {
        Run r = nn(args);
        assertEquals(0, r.code(), () -> "nn " + String.join(" ", args) + ": " + r.err());
        return r;
    }

    static boolean adamRegistered() {
        return Plugins.load(CheckpointCommandsTest.class.getClassLoader()).optimizers.find("adam") != null;
    }

    private static void assertResumeIdentical(Path tmp, String... extra) {
        String a = tmp.resolve("straight").toString(), b = tmp.resolve("resumed").toString();
        ok(concat(new String[] {"train", CONFIG, "training.epochs=10", "--checkpoint-dir", a, "--summary", "none", "-q"}, extra));
        ok(concat(new String[] {"train", CONFIG, "training.epochs=5", "--checkpoint-dir", b, "--summary", "none", "-q"}, extra));
        Run mid = ok("inspect", b + "/last.ckpt");
        assertTrue(mid.out().contains("epoch          5\n"), mid.out());
        ok(concat(new String[] {"train", CONFIG, "training.epochs=10", "--checkpoint-dir", b, "--resume", "latest", "--summary", "none", "-q"}, extra));
        String straight = ok("inspect", a + "/last.ckpt", "--params").out();
        assertEquals(straight, ok("inspect", b + "/last.ckpt", "--params").out());
        assertEquals(ok("inspect", a + "/last.ckpt").out(), ok("inspect", b + "/last.ckpt").out()); // epoch, steps, metrics
        assertEquals(132, straight.lines().count());
        Checkpoint x = CheckpointFile.read(Path.of(a, "last.ckpt")), y = CheckpointFile.read(Path.of(b, "last.ckpt"));
        assertEquals(x.history(), y.history());
        assertEquals(x.shuffleRng(), y.shuffleRng());
        assertEquals(x.dropoutRng(), y.dropoutRng());
        for (String k : x.arrays().keySet()) assertTrue(java.util.Arrays.equals(x.arrays().get(k).data(), y.arrays().get(k).data()), k);
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }

    @Test
    void resumeEndsBitIdenticalToTheStraightRunWithMomentumShuffleAndDropout(@TempDir Path tmp) {
        assertResumeIdentical(tmp);
    }

    @Test
    @EnabledIf("adamRegistered")
    void resumeEndsBitIdenticalWithAdam(@TempDir Path tmp) {
        assertResumeIdentical(tmp, "optimizer={type: adam, learning_rate: 0.01}");
    }

    @Test
    void filesFollowTheCheckpointSection(@TempDir Path tmp) throws IOException {
        ok("train", CONFIG, "training.epochs=7", "checkpoint={every: 2, keep_last: 2}", "--checkpoint-dir", tmp.toString(), "--summary", "none", "-q");
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(tmp)) {
            s.forEach(p -> names.add(p.getFileName().toString()));
        }
        names.sort(null);
        assertEquals(List.of("best.ckpt", "epoch-000004.ckpt", "epoch-000006.ckpt", "last.ckpt"), names);
        assertEquals(7, CheckpointFile.read(tmp.resolve("last.ckpt")).epoch());
        Checkpoint best = CheckpointFile.read(tmp.resolve("best.ckpt"));
        assertEquals(best.epoch() - 1, best.bestEpoch());
    }

    @Test
    void noCheckpointWritesNothing(@TempDir Path tmp) throws IOException {
        ok("train", CONFIG, "training.epochs=2", "--checkpoint-dir", tmp.resolve("d").toString(), "--no-checkpoint", "--summary", "none", "-q");
        assertFalse(Files.exists(tmp.resolve("d")));
    }

    @Test
    void resumeRefusesAChangedConfigNamingTheKeys(@TempDir Path tmp) {
        ok("train", CONFIG, "training.epochs=2", "--checkpoint-dir", tmp.toString(), "--summary", "none", "-q");
        Run r = nn("train", CONFIG, "training.epochs=4", "optimizer.learning_rate=0.1", "training.batch_size=8",
                "--checkpoint-dir", tmp.toString(), "--resume", "latest", "--summary", "none", "-q");
        assertEquals(2, r.code());
        assertEquals("nn: " + tmp.resolve("last.ckpt") + ": cannot resume: the config differs from the checkpoint's at optimizer.learning_rate, "
                + "training.batch_size (only training.epochs and training.early_stopping may change; --force to resume anyway)\n", r.err());
        ok("train", CONFIG, "training.epochs=4", "optimizer.learning_rate=0.1", "--checkpoint-dir", tmp.toString(), "--resume", "latest",
                "--force", "--summary", "none", "-q");
        assertEquals(4, CheckpointFile.read(tmp.resolve("last.ckpt")).epoch());
    }

    static Path trained(Path tmp) {
        ok("train", CONFIG, "training.epochs=3", "--checkpoint-dir", tmp.toString(), "--summary", "none", "-q");
        return tmp.resolve("last.ckpt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"truncated", "flipped", "magic", "future", "empty"})
    void aDamagedCheckpointIsOneLineNamingTheFileAndExit2(String damage, @TempDir Path tmp) throws IOException {
        Path good = trained(tmp);
        byte[] b = Files.readAllBytes(good);
        Path bad = tmp.resolve(damage + ".ckpt");
        switch (damage) {
            case "truncated" -> b = java.util.Arrays.copyOf(b, b.length - 100);
            case "flipped" -> b[b.length / 2] ^= 0x10;
            case "magic" -> b[0] = 'X';
            case "future" -> b[7] = 2;
            default -> b = new byte[0];
        }
        Files.write(bad, b);
        String why = switch (damage) {
            case "truncated" -> "not a valid checkpoint: truncated";
            case "flipped" -> "not a valid checkpoint: checksum mismatch";
            case "magic" -> "not an nn checkpoint";
            case "future" -> "checkpoint format version 2 is newer than this nn reads (up to 1)";
            default -> "not a valid checkpoint: truncated (0 bytes";
        };
        for (String[] args : List.of(new String[] {"predict", bad.toString(), "../data/iris.csv"}, new String[] {"inspect", bad.toString()},
                new String[] {"eval", bad.toString(), "../data/iris.csv"},
                new String[] {"train", CONFIG, "--resume", bad.toString(), "--no-checkpoint", "-q"})) {
            Run r = nn(args);
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().startsWith("nn: " + bad + ": " + why), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertEquals("", r.out());
        }
    }

    @Test
    void predictMatchesTheAccuracyTrainingReported(@TempDir Path tmp) {
        // validation = every iris row, so the reported val_accuracy is over the same rows predict sees
        ok("train", CONFIG, "training.epochs=20", "data.validation={csv: ../data/iris.csv}", "--checkpoint-dir", tmp.toString(), "--summary", "none", "-q");
        Checkpoint c = CheckpointFile.read(tmp.resolve("last.ckpt"));
        double reported = c.history().get(c.history().size() - 1).get("val_accuracy");
        Run p = ok("predict", tmp.resolve("last.ckpt").toString(), "../data/iris.csv", "--keep", "species", "--proba");
        List<String> lines = p.out().lines().toList();
        assertEquals("species,species_pred,p_setosa,p_versicolor,p_virginica", lines.get(0));
        assertEquals(151, lines.size());
        long right = lines.stream().skip(1).map(l -> l.split(",")).filter(f -> f[0].equals(f[1])).count();
        assertEquals(reported, right / 150.0);
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",");
            double sum = Double.parseDouble(f[2]) + Double.parseDouble(f[3]) + Double.parseDouble(f[4]);
            assertEquals(1.0, sum, 1e-12);
        }
        Run e = ok("eval", tmp.resolve("last.ckpt").toString(), "../data/iris.csv", "--format", "json");
        assertTrue(e.out().contains("\"eval_accuracy\":" + reported), e.out());
        assertTrue(e.out().contains("\"eval_loss\":" + c.history().get(c.history().size() - 1).get("val_loss")), e.out());
    }

    @Test
    void predictReadsStdinByColumnNameInAnyOrder(@TempDir Path tmp) {
        Path ck = trained(tmp);
        String csv = "id,petal_width,petal_length,sepal_width,sepal_length\n7,0.2,1.4,3.5,5.1\n8,2.3,5.4,3.0,6.2\n";
        Run r = nnWithStdin(csv, "predict", ck.toString(), "--keep", "id");
        assertEquals(0, r.code(), r.err());
        assertEquals("id,species\n7,setosa\n8,virginica\n", r.out());
        Run missing = nnWithStdin("a,b\n1,2\n", "predict", ck.toString(), "-");
        assertEquals(2, missing.code());
        assertTrue(missing.err().startsWith("nn: <stdin>:1: no feature column 'sepal_length'"), missing.err());
    }

    @Test
    void gradAtTheCheckpointWeightsUsesTheSameNamesAndValuesAsInspect(@TempDir Path tmp) {
        Path ck = trained(tmp);
        List<String> grad = ok("grad", CONFIG, "--model", ck.toString()).out().lines().toList();
        List<String> params = ok("inspect", ck.toString(), "--params").out().lines().toList();
        assertEquals(params.size(), grad.size());
        for (int i = 1; i < grad.size(); i++) {
            String[] g = grad.get(i).split("\t");
            assertEquals(params.get(i), g[0] + "\t" + g[1] + "\t" + g[2]);
        }
        assertTrue(!ok("grad", CONFIG).out().equals(String.join("\n", grad) + "\n"));
    }

    @Test
    void pythonReaderPrintsWhatInspectPrints(@TempDir Path tmp) throws Exception {
        Path ck = trained(tmp);
        Process p;
        try {
            p = new ProcessBuilder("python3", "../tools/read_ckpt.py", ck.toString()).redirectErrorStream(true).start();
        } catch (IOException noPython) {
            org.junit.jupiter.api.Assumptions.abort("python3 is not on PATH");
            return;
        }
        String py = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), py);
        List<String> a = py.lines().toList(), b = ok("inspect", ck.toString(), "--params").out().lines().toList();
        assertEquals(b.size(), a.size());
        assertEquals(b.get(0), a.get(0));
        for (int i = 1; i < a.size(); i++) {
            String[] x = a.get(i).split("\t"), y = b.get(i).split("\t");
            assertEquals(y[0] + "\t" + y[1], x[0] + "\t" + x[1]);
            // Java 17's Double.toString is occasionally not the shortest decimal; the values must be the same doubles
            assertEquals(Double.doubleToLongBits(Double.parseDouble(y[2])), Double.doubleToLongBits(Double.parseDouble(x[2])), a.get(i));
        }
    }
}
