package nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nn.core.checkpoint.Checkpoint;
import nn.core.checkpoint.CheckpointFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --resume as a user meets it: the README's example after early stopping, --metrics holding the whole run, and too few epochs. */
class ResumeTest {
    private static final String IRIS = Run.config("iris.yaml");

    /** The README's commands: iris stops early at epoch 135; resuming with 400 epochs trains on, from the best weights. */
    @Test
    void theReadmesResumeExampleTrainsOnAfterEarlyStopping(@TempDir Path tmp) throws Exception {
        String dir = tmp.resolve("iris").toString();
        CheckpointCommandsTest.ok("train", IRIS, "--checkpoint-dir", dir, "--summary", "none", "-q");
        Checkpoint first = CheckpointFile.read(tmp.resolve("iris/last.ckpt"));
        assertTrue(first.stoppedEarly());
        // in a JVM of its own: the log line goes to the process's stderr
        Run r = Run.jvm(List.of(), "train", IRIS, "training.epochs=400", "--checkpoint-dir", dir, "--resume", "latest", "--summary", "none");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("which stopped early after epoch " + first.epoch() + ": training on from the weights of epoch "
                + (first.bestEpoch() + 1)), r.err());
        Checkpoint second = CheckpointFile.read(tmp.resolve("iris/last.ckpt"));
        assertTrue(second.epoch() > first.epoch() + 1, "trained more than one more epoch: " + second.epoch());
        assertEquals(second.epoch(), second.history().size());
    }

    /** Resuming 20 epochs to 40 with --metrics, into the same file or a new one: epochs 1-40, once each. */
    @Test
    void metricsAfterAResumeHoldTheWholeRunOnce(@TempDir Path tmp) throws Exception {
        for (boolean sameFile : new boolean[] {true, false}) {
            Path dir = tmp.resolve("run-" + sameFile), first = tmp.resolve("m-" + sameFile + ".csv");
            Path second = sameFile ? first : tmp.resolve("m2-" + sameFile + ".csv");
            CheckpointCommandsTest.ok("train", CheckpointCommandsTest.CONFIG, "training.epochs=20", "--checkpoint-dir", dir.toString(),
                    "--metrics", first.toString(), "--summary", "none", "-q");
            CheckpointCommandsTest.ok("train", CheckpointCommandsTest.CONFIG, "training.epochs=40", "--checkpoint-dir", dir.toString(),
                    "--resume", "latest", "--metrics", second.toString(), "--summary", "none", "-q");
            List<String> lines = Files.readAllLines(second);
            assertEquals(41, lines.size(), "header and 40 rows");
            for (int e = 1; e <= 40; e++) assertTrue(lines.get(e).startsWith(e + ","), lines.get(e));
            assertFalse(lines.get(0).isEmpty());
        }
    }

    @Test
    void resumingWithNoMoreEpochsSaysHowManyToAskFor(@TempDir Path tmp) {
        String dir = tmp.toString();
        CheckpointCommandsTest.ok("train", CheckpointCommandsTest.CONFIG, "training.epochs=3", "--checkpoint-dir", dir, "--summary", "none", "-q");
        Run r = Run.nn("train", CheckpointCommandsTest.CONFIG, "training.epochs=3", "--checkpoint-dir", dir, "--resume", "latest", "-q");
        assertEquals(2, r.code());
        assertEquals("nn: " + tmp.resolve("last.ckpt") + ": cannot resume: that run has trained 3 epochs already, as many as"
                + " training.epochs asks (ask for more: training.epochs=6)\n", r.err());
    }

    /** A new run into the folder of an earlier one is refused with the ways on; --overwrite clears the old files first. */
    @Test
    void aNewRunDoesNotMixWithAnEarlierRunsCheckpoints(@TempDir Path tmp) throws Exception {
        String dir = tmp.toString();
        String[] run = {"train", CheckpointCommandsTest.CONFIG, "training.epochs=6", "checkpoint={every: 2}", "--checkpoint-dir", dir, "--summary", "none", "-q"};
        CheckpointCommandsTest.ok(run);
        Run again = Run.nn(run);
        assertEquals(2, again.code());
        assertEquals("nn: " + dir + ": holds the checkpoints of an earlier run (best.ckpt, epoch-000002.ckpt, epoch-000004.ckpt,"
                + " epoch-000006.ckpt, …): --resume latest continues that run, --overwrite replaces it, --checkpoint-dir DIR writes elsewhere\n", again.err());
        CheckpointCommandsTest.ok("train", CheckpointCommandsTest.CONFIG, "training.epochs=3", "checkpoint={every: 3}", "--checkpoint-dir", dir,
                "--overwrite", "--summary", "none", "-q");
        try (var files = Files.list(tmp)) {
            assertEquals(List.of("best.ckpt", "epoch-000003.ckpt", "last.ckpt"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    /** The default folder runs/NAME/N: a new number per run, the highest when resuming. */
    @Test
    void theDefaultFolderGetsANewNumberPerRun(@TempDir Path tmp) throws Exception {
        Path base = tmp.resolve("runs").resolve("iris");
        assertEquals(base.resolve("1"), TrainCommand.version(base, false));
        assertEquals(base.resolve("1"), TrainCommand.version(base, true));
        Files.createDirectories(base.resolve("1"));
        Files.createDirectories(base.resolve("2"));
        Files.createDirectories(base.resolve("notes"));
        assertEquals(base.resolve("3"), TrainCommand.version(base, false));
        assertEquals(base.resolve("2"), TrainCommand.version(base, true));
    }
}
