package nn.spark;

import java.io.Serializable;
import java.util.List;
import nn.core.data.Dataset;
import nn.core.train.Shards;

/**
 * One shard's training rows, as they are read for training (features normalised, targets as the loss sees them):
 * what an executor keeps cached between steps.
 */
record ShardData(int shard, int n, int nin, int nout, double[] x, double[] y) implements Serializable {

    /** Shard k of the training rows d under plan. */
    static ShardData of(Dataset d, Shards plan, int k) {
        int[] members = plan.members(k);
        Dataset s = d.select(members, members.length);
        double[] x = new double[members.length * d.nin()], y = new double[members.length * d.nout()];
        s.rows(null, 0, members.length, x, y);
        return new ShardData(k, members.length, d.nin(), d.nout(), x, y);
    }

    /** The rows as a data set that reads them back unchanged. */
    Dataset dataset() {
        return new Dataset("shard " + shard, x, y, n, nin, nout, List.of(), List.of(), null);
    }
}
