package nn.core.checkpoint;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nn.core.BadInputException;
import nn.core.train.Config;
import nn.core.train.Experiment;
import nn.core.train.Trainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoint files of one run folder: {@code last.ckpt} (always the newest), {@code epoch-000005.ckpt} every
 * {@code every} epochs (the newest {@code keep_last} kept; every 0 = none) and {@code best.ckpt}, if
 * {@code save_best}: the state of the epoch with the best validation loss (training loss without validation), kept
 * in memory when it happens and written at the next due time or at the end. Each file is written atomically ({@link CheckpointFile#writeAtomic}),
 * which costs an fsync: writing on a schedule rather than every epoch keeps short epochs fast.
 */
public final class CheckpointSaver {
    private static final Logger log = LoggerFactory.getLogger("nn.checkpoint");
    private static final Pattern EPOCH_FILE = Pattern.compile("epoch-(\\d+)\\.ckpt");
    public static final String LAST = "last.ckpt", BEST = "best.ckpt";

    private final Path dir;
    private final Config.Checkpoint policy;
    private long lastWritten = -1;
    private byte[] pendingBest;

    public CheckpointSaver(Path dir, Config.Checkpoint policy) {
        this.dir = dir;
        this.policy = policy;
        removeStaleTemporaries();
    }

    public Path dir() {
        return dir;
    }

    /**
     * Called after each epoch: remembers the state when it is the best so far; when due, writes the epoch file,
     * last.ckpt, and best.ckpt if a new best is pending.
     */
    public void afterEpoch(Experiment e, Trainer t) {
        long epoch = t.epoch();
        byte[] bytes = null;
        if (policy.saveBest() && t.bestEpoch() == epoch - 1) {
            bytes = CheckpointFile.encode(Checkpoint.of(e, t));
            pendingBest = bytes;
        }
        if (policy.every() <= 0 || epoch % policy.every() != 0) return;
        if (bytes == null) bytes = CheckpointFile.encode(Checkpoint.of(e, t));
        write(dir.resolve(String.format("epoch-%06d.ckpt", epoch)), bytes);
        write(dir.resolve(LAST), bytes);
        lastWritten = epoch;
        prune();
        flushBest();
    }

    /** Called once at the end of the run: last.ckpt holds the final state (the best weights after early stopping). */
    public Path finish(Experiment e, Trainer t) {
        Path last = dir.resolve(LAST);
        if (lastWritten != t.epoch() || t.stoppedEarly()) write(last, CheckpointFile.encode(Checkpoint.of(e, t)));
        flushBest();
        return last;
    }

    private void flushBest() {
        if (pendingBest == null) return;
        write(dir.resolve(BEST), pendingBest);
        pendingBest = null;
    }

    private void write(Path p, byte[] bytes) {
        try {
            CheckpointFile.writeAtomic(p, bytes);
            log.debug("wrote {}", p);
        } catch (IOException ex) {
            throw BadInputException.io(p.toString(), "write checkpoint", ex);
        }
    }

    /** The checkpoint files of a run already in dir (last, best and epoch files), sorted; empty for none or no folder. */
    public static List<Path> existing(Path dir) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.ckpt")) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (name.equals(LAST) || name.equals(BEST) || EPOCH_FILE.matcher(name).matches()) out.add(p);
            }
        } catch (IOException ex) {
            throw nn.core.BadInputException.io(dir.toString(), "read", ex);
        }
        out.sort(null);
        return out;
    }

    /** Deletes all but the newest keep_last epoch files. */
    private void prune() {
        List<long[]> found = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "epoch-*.ckpt")) {
            for (Path p : ds) {
                Matcher m = EPOCH_FILE.matcher(p.getFileName().toString());
                if (m.matches()) {
                    found.add(new long[] {Long.parseLong(m.group(1)), paths.size()});
                    paths.add(p);
                }
            }
            found.sort((a, b) -> Long.compare(b[0], a[0]));
            for (int i = (int) Math.min(policy.keepLast(), found.size()); i < found.size(); i++) {
                Files.deleteIfExists(paths.get((int) found.get(i)[1]));
            }
        } catch (IOException ex) {
            log.warn("{}: cannot remove old checkpoints: {}", dir, ex.toString());
        }
    }

    /** Temporary files left by a process killed while writing (the checkpoint they were for is intact). */
    private void removeStaleTemporaries() {
        if (!Files.isDirectory(dir)) return;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.ckpt.tmp*")) {
            for (Path p : ds) Files.deleteIfExists(p);
        } catch (IOException ex) {
            log.warn("{}: cannot remove temporary files: {}", dir, ex.toString());
        }
    }
}
