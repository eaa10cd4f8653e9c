package nn.spark;

import java.util.ArrayList;
import java.util.List;
import nn.core.train.Experiment;
import nn.core.train.Network;
import nn.core.train.ShardStep;
import nn.core.train.Shards;
import nn.core.train.Trainer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

/**
 * training.shards on Spark executors: the shards' rows cached there once (a fixed shard per row, shards in
 * contiguous runs over the partitions), then every step one job: the parameters broadcast, each partition's shard
 * parts computed by {@link ShardWorker}, and the parts collected to the driver, where the trainer adds them in shard
 * order and steps the optimizer (whose state stays on the driver). What is computed, and in which order it is
 * added, does not depend on the partitions or the executors: the result has the bits of {@code nn train}'s.
 */
final class SparkShards implements Trainer.ShardEngine {
    private final JavaSparkContext sc;
    private final Network net;
    private final ShardJob job;
    private final JavaRDD<ShardData> shards;
    private Broadcast<double[]> theta;

    /** kept: the shards of rows read through Spark ({@link SparkTables}), or null to send the rows read here. */
    SparkShards(JavaSparkContext sc, Experiment e, Shards plan, int partitions, SparkTables.Kept kept) {
        this.sc = sc;
        this.net = e.network();
        this.job = ShardJob.of(e, plan);
        if (kept != null) {
            this.shards = kept.shards();
            return;
        }
        List<ShardData> data = new ArrayList<>();
        for (int k = 0; k < plan.count(); k++) data.add(ShardData.of(e.train(), plan, k));
        this.shards = sc.parallelize(data, Math.min(partitions, plan.count())).persist(StorageLevel.MEMORY_ONLY());
        sc.setJobDescription("nn: caching " + plan.count() + " shards");
        shards.count();
    }

    @Override
    public void step(long epoch, long stepInEpoch, long step, ShardStep.Part[] parts) {
        if (theta != null) theta.destroy(false);
        theta = sc.broadcast(net.flatValues());
        Broadcast<double[]> b = theta;
        ShardJob j = job;
        sc.setJobDescription("nn: epoch " + (epoch + 1) + ", step " + (stepInEpoch + 1));
        List<ShardStep.Part> got = shards.mapPartitionsWithIndex(
                (partition, it) -> ShardWorker.of(j, partition).step(it, b.value(), epoch, stepInEpoch, step).iterator(), false).collect();
        // a shard with no rows at all (fewer rows than shards) has no data on any executor: its part is empty, as here
        for (int k = 0; k < parts.length; k++) parts[k] = null;
        for (ShardStep.Part p : got) parts[p.shard] = p;
        for (int k = 0; k < parts.length; k++) if (parts[k] == null) parts[k] = new ShardStep.Part(net.parameterCount());
    }

    @Override
    public void close() {
        if (theta != null) theta.destroy(false);
        shards.unpersist(false);
    }
}
