package nn.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import nn.core.train.Config;
import nn.core.train.Experiment;
import nn.core.train.Network;
import nn.core.train.ShardRows;
import nn.core.train.ShardStep;
import nn.core.train.Shards;

/**
 * An executor's side of data-parallel training: per partition, a network of the job's config and the shards' rows,
 * kept between steps (a partition's tasks may run on two threads of one executor at once, so each has its own
 * network). Each step sets the broadcast parameters and computes every shard's part with {@link ShardStep}, the
 * code the driver's process runs for training.shards.
 */
final class ShardWorker {
    /** Workers of the latest job on this executor, by partition; a new job's first task drops the others. */
    private static final Map<String, ShardWorker> WORKERS = new ConcurrentHashMap<>();

    private final ShardJob job;
    private final Shards plan;
    private final Network net;
    private final ShardStep step;
    private final Map<Integer, ShardRows> held = new HashMap<>();

    private ShardWorker(ShardJob job) {
        this.job = job;
        this.plan = job.plan();
        Config c = job.config();
        this.net = job.network(c);
        this.step = new ShardStep(net, Experiment.loss(c, job.classWeights()), job.classification(), job.targetNormalizer(), plan.most(), job.seed());
    }

    static ShardWorker of(ShardJob job, int partition) {
        String key = job.id() + "/" + partition;
        ShardWorker w = WORKERS.get(key);
        if (w != null) return w;
        WORKERS.keySet().removeIf(k -> !k.startsWith(job.id() + "/"));
        return WORKERS.computeIfAbsent(key, k -> new ShardWorker(job));
    }

    /** The parts of this partition's shards for one step, with parameters theta. */
    List<ShardStep.Part> step(Iterator<ShardData> shards, double[] theta, long epoch, long stepInEpoch, long stepNumber) {
        net.setFlatValues(theta);
        List<ShardStep.Part> parts = new ArrayList<>();
        while (shards.hasNext()) {
            ShardData s = shards.next();
            int k = s.shard();
            ShardRows rows = held.computeIfAbsent(k, x -> new ShardRows(k, s.dataset(job.normalizer(), job.targetNormalizer()), job.seed(), job.shuffle()));
            ShardStep.Part part = new ShardStep.Part(theta.length);
            rows.run(step, plan, epoch, stepInEpoch, stepNumber, part);
            parts.add(part);
        }
        return parts;
    }
}
