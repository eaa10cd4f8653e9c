package nn.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * Files on any store Hadoop reaches (a local path, hdfs://, s3a://, …), written so that a reader never sees a torn
 * one: each is written whole under a unique hidden name beside its place, then renamed onto it (atomically where
 * the store can: a local file system, HDFS; on an object store the rename is a copy, but the name only ever holds
 * a whole file). The Hadoop configuration travels with the tasks as plain settings.
 */
final class HadoopFiles implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Map<String, String> settings;

    HadoopFiles(Configuration conf) {
        settings = new HashMap<>();
        for (Map.Entry<String, String> e : conf) settings.put(e.getKey(), e.getValue());
    }

    Configuration conf() {
        Configuration c = new Configuration(false);
        settings.forEach(c::set);
        return c;
    }

    /** The file system of p; for local paths the raw one (no .crc files beside ours). */
    FileSystem fs(Path p) throws IOException {
        FileSystem fs = p.getFileSystem(conf());
        return fs instanceof LocalFileSystem l ? l.getRawFileSystem() : fs;
    }

    /** Copies remote to local if it exists; false when it does not. */
    boolean fetch(Path remote, java.nio.file.Path local) throws IOException {
        FileSystem fs = fs(remote);
        if (!fs.exists(remote)) return false;
        try (InputStream in = fs.open(remote)) {
            Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
        }
        return true;
    }

    /** Writes local's bytes to remote: whole under a unique name, then renamed onto remote. */
    void publish(java.nio.file.Path local, Path remote) throws IOException {
        FileSystem fs = fs(remote);
        fs.mkdirs(remote.getParent());
        Path tmp = new Path(remote.getParent(), "." + remote.getName() + "." + java.util.UUID.randomUUID() + ".tmp");
        try (OutputStream out = fs.create(tmp, true)) {
            Files.copy(local, out);
        }
        if ("file".equals(fs.getUri().getScheme())) {
            if (!fs.rename(tmp, remote)) throw new IOException("cannot rename " + tmp + " to " + remote);
            return;
        }
        try {
            FileContext.getFileContext(remote.toUri(), conf()).rename(tmp, remote, Options.Rename.OVERWRITE);
        } catch (IOException | UnsupportedOperationException e) {
            // a store without rename-over: remove the old file first (readers may briefly find none, never a torn one)
            fs.delete(remote, false);
            if (!fs.rename(tmp, remote)) throw new IOException("cannot rename " + tmp + " to " + remote, e);
        }
    }
}
