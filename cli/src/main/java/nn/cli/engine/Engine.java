package nn.cli.engine;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import nn.cli.SweepRun;
import nn.core.train.Experiment;
import nn.core.train.Shards;
import nn.core.train.Trainer;

/**
 * A place other than this process where work is computed (nn-spark's "spark"), open for one command. Whatever it
 * is, results are those of the local engine: the same shard parts, added up by the trainer here; the same runs.
 */
public interface Engine extends AutoCloseable {
    /** Found through {@link java.util.ServiceLoader}. */
    interface Provider {
        /** What --engine calls it. */
        String name();

        /** Starts a session for a command (app: what it is doing, for the engine's UI). */
        Engine open(EngineOptions options, String app);
    }

    /** Reads the training sources that are read through this engine (parquet:, csv: … spark: true). */
    nn.core.data.Tables tables();

    /** Computes the parts of e's shards for its trainer. */
    Trainer.ShardEngine shards(Experiment e, Shards plan);

    /**
     * Runs every task, its folder under dir (a path or a URI the engine can write), and gives each result line to
     * done as its run ends (in any order; called from one thread at a time). Returns when every run has ended.
     */
    void sweep(List<SweepRun.Task> tasks, String dir, Consumer<Map<String, Object>> done) throws InterruptedException;

    /** Copies the file at remote (a path or URI the engine can read), if it exists, to local. */
    void fetch(String remote, java.nio.file.Path local);

    /** Writes local's bytes to remote whole: a reader finds the old file or the new one, never a torn one. */
    void publish(java.nio.file.Path local, String remote);

    /** How many runs it computes at a time (for the sweep's log line). */
    int slots();

    @Override
    void close();
}
