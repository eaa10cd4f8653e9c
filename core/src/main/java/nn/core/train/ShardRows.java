package nn.core.train;

import nn.core.data.Dataset;

/**
 * One shard's rows and their order in the epoch it was last drawn for ({@link Shards#order}): what whatever
 * computes the shards keeps per shard, in this process ({@link LocalShards}) or on a Spark executor, so that both
 * take each step's rows the same way.
 */
public final class ShardRows {
    private final int shard;
    private final Dataset data;
    private final int[] order;
    private final long seed;
    private final boolean shuffle;
    private long epoch = -1;

    /** Shard shard's rows data, ordered from seed (or kept in order without shuffle). */
    public ShardRows(int shard, Dataset data, long seed, boolean shuffle) {
        this.shard = shard;
        this.data = data;
        this.order = new int[data.n()];
        this.seed = seed;
        this.shuffle = shuffle;
    }

    /**
     * The shard's part of step stepInEpoch of epoch (0-based; stepNumber counts the run's steps), computed by step
     * under plan. out modified.
     */
    public void run(ShardStep step, Shards plan, long epoch, long stepInEpoch, long stepNumber, ShardStep.Part out) {
        if (epoch != this.epoch) {
            Shards.order(seed, shard, epoch, shuffle, order, order.length);
            this.epoch = epoch;
        }
        step.run(shard, data, order, plan.from(shard, stepInEpoch), plan.size(shard, stepInEpoch), stepNumber, out);
    }
}
