package nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import nn.core.checkpoint.Checkpoint;
import nn.core.checkpoint.CheckpointFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training processes killed (SIGKILL via destroyForcibly) at seeded random moments while they checkpoint every
 * epoch always leave a loadable last.ckpt, which a new run resumes from. The children run side by side, so the
 * test costs about one JVM start.
 */
class KillTest {
    static final int CHILDREN = 5;

    @Test
    void killedWhileCheckpointingEveryEpochLeavesALoadableLastCheckpoint(@TempDir Path tmp) throws Exception {
        Random random = new Random(20240611);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> children = new ArrayList<>();
        for (int i = 0; i < CHILDREN; i++) {
            Path dir = tmp.resolve("run" + i);
            children.add(new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-cp", System.getProperty("java.class.path"), "nn.cli.Main", "train",
                    CheckpointCommandsTest.CONFIG, "training.epochs=1000000", "checkpoint={every: 1, keep_last: 2}",
                    "--checkpoint-dir", dir.toString(), "--summary", "none", "-q")
                    .redirectOutput(tmp.resolve("out" + i).toFile()).redirectError(tmp.resolve("err" + i).toFile()).start());
        }
        try {
            for (int i = 0; i < CHILDREN; i++) {
                Path last = tmp.resolve("run" + i).resolve("last.ckpt");
                Process p = children.get(i);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                while (!Files.exists(last) && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(2);
                assertTrue(p.isAlive(), "child " + i + " ended early: " + Files.readString(tmp.resolve("err" + i)));
                Thread.sleep(random.nextInt(300)); // somewhere inside the following epochs and their writes
                p.destroyForcibly();
                assertTrue(p.waitFor(10, TimeUnit.SECONDS));
                Checkpoint c = CheckpointFile.read(last);
                assertTrue(c.epoch() >= 1);
                assertEquals(c.epoch(), c.history().size());
            }
        } finally {
            for (Process p : children) p.destroyForcibly();
        }
        Path dir = tmp.resolve("run0");
        long epoch = CheckpointFile.read(dir.resolve("last.ckpt")).epoch();
        CheckpointCommandsTest.ok("train", CheckpointCommandsTest.CONFIG, "training.epochs=" + (epoch + 1), "checkpoint={every: 1, keep_last: 2}",
                "--checkpoint-dir", dir.toString(), "--resume", "latest", "--summary", "none", "-q");
        assertEquals(epoch + 1, CheckpointFile.read(dir.resolve("last.ckpt")).epoch());
        try (var s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".tmp")), "temporary files are cleaned up");
        }
    }
}
