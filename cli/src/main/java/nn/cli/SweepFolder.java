package nn.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import nn.cli.engine.Engine;
import nn.cli.engine.EngineOptions;
import nn.core.BadInputException;
import nn.core.data.SourceSpec;
import nn.core.train.Config;

/**
 * Where a sweep's runs and results.jsonl go: a folder, or, with an engine other than local, also a Hadoop URI
 * (hdfs://…, s3a://…), whose results.jsonl the sweep keeps in a local copy and publishes whole after each line.
 */
final class SweepFolder {
    private final String where;
    private final Path local;
    private Path out;

    private SweepFolder(String where, Path local) {
        this.where = where;
        this.local = local;
    }

    /** --dir as given (checked: a local folder that can be made, or a URI for an engine that writes to one). */
    static SweepFolder of(String where, EngineOptions engine) {
        boolean uri = where.matches("[A-Za-z][A-Za-z0-9+.-]+:.*");
        Path local = null;
        if (uri && where.startsWith("file:")) {
            try {
                local = Path.of(URI.create(where));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--dir " + where + ": not a file URI (" + e.getMessage() + "); file:///absolute/path, or a plain path");
            }
        } else if (uri) {
            if (engine.local()) throw new BadInputException("--dir " + where + ": a URI needs --engine spark (the local engine writes to a folder)");
        } else {
            local = Path.of(where);
        }
        if (local != null) OutputPath.folder("--dir", local);
        return new SweepFolder(where, local);
    }

    /** Refuses a run that reads rows from stdin (executors have none) or through Spark (a task cannot). */
    static void checkReadable(Config c) {
        Config.Data d = c.data();
        for (SourceSpec s : new SourceSpec[] {d.train(), d.validation().source(), d.test().source()}) {
            if (s != null && s.table() != null) {
                throw new BadInputException(s.loc() + ": " + s.path() + ": a sweep trains each run in one Spark task, on rows that task reads"
                        + " itself: give the sweep a file every executor can read (rows read through Spark are for nn train --engine spark)");
            }
            if (s != null && s.stdin()) {
                throw new BadInputException(s.loc() + ": " + s.path() + ": rows from stdin cannot reach Spark's executors; give a file"
                        + " every executor can read (a shared path), or leave --engine out");
            }
        }
    }

    /** Makes the folder (or, for a URI, fetches its results.jsonl into a local copy): the folder results.jsonl is in. */
    Path open(Engine remote) {
        try {
            if (local != null) {
                out = local;
                Files.createDirectories(out);
            } else {
                out = Files.createTempDirectory("nn-sweep-");
                out.toFile().deleteOnExit();
                remote.fetch(where + "/" + SweepResults.FILE, out.resolve(SweepResults.FILE));
                out.resolve(SweepResults.FILE).toFile().deleteOnExit();
            }
        } catch (IOException ex) {
            throw BadInputException.io(local != null ? local.toString() : "a temporary folder", "create", ex);
        }
        return out;
    }

    /** The folder as an absolute URI, for executors. */
    String uri() {
        return local != null ? local.toAbsolutePath().toUri().toString() : where;
    }

    /** How the file name in run's folder is named in results (as the local engine names a checkpoint). */
    String child(String run, String name) {
        return local != null ? local.resolve(run).resolve(name).toString() : where + "/" + run + "/" + name;
    }

    /** After results.jsonl changed: for a URI, publishes the local copy. */
    void published(Engine remote, Path results) {
        if (local == null) remote.publish(results, where + "/" + SweepResults.FILE);
    }
}
