package nn.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A sweep run's folder on the sweep's store, mirrored by a local folder on the executor that trains it: fetched
 * before the run (so a retried task resumes from the last checkpoint its earlier attempt published), published
 * after every epoch and at the end (files that changed, each whole; files the run deleted, such as checkpoints
 * rotated out, deleted there too).
 */
final class RunFolder {
    private final HadoopFiles files;
    private final Path remote;
    private final java.nio.file.Path local;
    private final Map<String, String> published = new HashMap<>();

    RunFolder(HadoopFiles files, Path remote, java.nio.file.Path local) {
        this.files = files;
        this.remote = remote;
        this.local = local;
    }

    /** Copies the remote folder's files (if any) into the local folder. */
    void fetch() throws IOException {
        Files.createDirectories(local);
        FileSystem fs = files.fs(remote);
        if (!fs.exists(remote)) return;
        for (FileStatus s : fs.listStatus(remote)) {
            String name = s.getPath().getName();
            if (!s.isFile() || name.startsWith(".")) continue;
            files.fetch(s.getPath(), local.resolve(name));
            published.put(name, stamp(local.resolve(name)));
        }
    }

    /** Publishes what changed since the last call. */
    void publish() throws IOException {
        Set<String> here = new HashSet<>();
        try (var list = Files.list(local)) {
            for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) list::iterator) {
                String name = f.getFileName().toString();
                if (!Files.isRegularFile(f) || name.startsWith(".")) continue;
                here.add(name);
                String stamp = stamp(f);
                if (stamp.equals(published.get(name))) continue;
                files.publish(f, new Path(remote, name));
                published.put(name, stamp);
            }
        }
        for (String gone : new HashSet<>(published.keySet())) {
            if (here.contains(gone)) continue;
            files.fs(remote).delete(new Path(remote, gone), false);
            published.remove(gone);
        }
    }

    private static String stamp(java.nio.file.Path f) throws IOException {
        return Files.size(f) + "@" + Files.getLastModifiedTime(f).to(java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}
