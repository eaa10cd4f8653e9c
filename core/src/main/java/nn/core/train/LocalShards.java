package nn.core.train;

import nn.core.data.Dataset;

/**
 * The shards of training.shards computed one after another in this process, on the trainer's own network: what
 * {@code nn train} does with training.shards &gt; 1, and what nn-spark's executors must match bit for bit.
 */
final class LocalShards implements Trainer.ShardEngine {
    private final Shards plan;
    private final Dataset[] data;
    private final int[][] order;
    private final ShardStep step;
    private final long seed;
    private final boolean shuffle;
    private long epoch = -1;

    LocalShards(Experiment e, Shards plan) {
        this.plan = plan;
        this.seed = e.config().seed();
        this.shuffle = e.config().training().shuffle();
        data = new Dataset[plan.count()];
        order = new int[plan.count()][];
        for (int k = 0; k < plan.count(); k++) {
            int[] members = plan.members(k);
            data[k] = e.train().select(members, members.length);
            order[k] = new int[members.length];
        }
        step = new ShardStep(e.network(), e.loss(), e.classification(), e.train().targetNormalizer(), plan.most(), seed);
    }

    @Override
    public void step(long epoch, long stepInEpoch, long stepNumber, ShardStep.Part[] parts) {
        if (epoch != this.epoch) {
            for (int k = 0; k < order.length; k++) Shards.order(seed, k, epoch, shuffle, order[k], order[k].length);
            this.epoch = epoch;
        }
        for (int k = 0; k < parts.length; k++) {
            step.run(k, data[k], order[k], plan.from(k, stepInEpoch), plan.size(k, stepInEpoch), stepNumber, parts[k]);
        }
    }
}
