package nn.core.train;

/**
 * The shards of training.shards computed one after another in this process, on the trainer's own network: what
 * {@code nn train} does with training.shards &gt; 1, and what nn-spark's executors must match bit for bit.
 */
final class LocalShards implements Trainer.ShardEngine {
    private final Shards plan;
    private final ShardRows[] rows;
    private final ShardStep step;

    LocalShards(Experiment e, Shards plan) {
        this.plan = plan;
        long seed = e.config().seed();
        rows = new ShardRows[plan.count()];
        for (int k = 0; k < plan.count(); k++) {
            int[] members = plan.members(k);
            rows[k] = new ShardRows(k, e.train().select(members, members.length), seed, e.config().training().shuffle());
        }
        step = new ShardStep(e.network(), e.loss(), e.classification(), e.train().targetNormalizer(), plan.most(), seed);
    }

    @Override
    public void step(long epoch, long stepInEpoch, long stepNumber, ShardStep.Part[] parts) {
        for (int k = 0; k < parts.length; k++) rows[k].run(step, plan, epoch, stepInEpoch, stepNumber, parts[k]);
    }
}
