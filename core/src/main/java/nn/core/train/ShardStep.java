package nn.core.train;

import java.util.List;
import nn.core.data.Dataset;
import nn.core.data.Normalizer;
import nn.core.spi.Loss;

/**
 * One shard's part of a training step ({@link Shards}), the same code wherever it runs (in the trainer's process or
 * on a Spark executor): forward and backward over the shard's rows of the step, its gradient times the total weight
 * of those rows ({@link Loss#weight}), and its contribution to the epoch's training metrics. The network is the caller's, with the
 * step's parameters already in place; its gradients are overwritten.
 */
public final class ShardStep {
    /** What one shard gives a step: the driver adds these up in shard order. */
    public static final class Part implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        /** The shard. */
        public int shard;
        /** Its rows in the step. */
        public int rows;
        /** The total weight of its rows ({@link Loss#weight}: their count for a plain mean; 0 for none). */
        public double weight;
        /** The loss over its rows (their mean, as the loss defines it) times weight. */
        public double loss;
        /** Rows whose predicted class was right (classification). */
        public long correct;
        /** ∂L/∂θ of its rows times weight, flat in the network's parameter order. */
        public double[] grad;
        /** Its rows' {@link RegressionReport#state()} (regression), else null. */
        public double[] regression;

        public Part(int parameters) {
            grad = new double[parameters];
        }
    }

    private final Network net;
    private final Loss loss;
    private final Objective objective;
    private final boolean classification;
    private final Normalizer targetNorm;
    private final long seed;
    private final double[] xb, tb, ys, ts;
    private final RegressionReport reg;

    /**
     * @param maxRows the most rows a shard gives one step (its b_k)
     * @param seed    the config's seed (dropout generators are derived from it)
     */
    public ShardStep(Network net, Loss loss, boolean classification, Normalizer targetNorm, int maxRows, long seed) {
        this.net = net;
        this.loss = loss;
        this.objective = Objective.of(net, loss);
        this.classification = classification;
        this.targetNorm = targetNorm;
        this.seed = seed;
        int nin = net.nin(), nout = net.nout();
        xb = new double[maxRows * nin];
        tb = new double[maxRows * nout];
        reg = classification ? null : new RegressionReport(nout);
        ys = reg == null ? null : new double[maxRows * nout];
        ts = reg == null ? null : new double[maxRows * nout];
        net.ensure(maxRows);
    }

    /**
     * Shard k's part of the step numbered step (over the whole run): the rows order[from .. from + size) of its data
     * d. out modified (its grad overwritten).
     */
    public void run(int k, Dataset d, int[] order, int from, int size, long step, Part out) {
        out.shard = k;
        out.rows = size;
        out.weight = 0;
        out.loss = 0;
        out.correct = 0;
        if (reg != null) reg.reset();
        if (size == 0) {
            java.util.Arrays.fill(out.grad, 0);
            out.regression = reg == null ? null : reg.state(out.regression);
            return;
        }
        int nout = net.nout();
        d.rows(order, from, size, xb, tb);
        net.zeroGrad();
        net.rng().state(Shards.dropout(seed, k, step));
        double[] y = net.forward(xb, size, true);
        double l = objective.value(y, tb, size);
        double w = loss.weight(tb, size, nout);
        out.weight = w;
        out.loss = l * w;
        if (classification) {
            for (int r = 0; r < size; r++) if (Metrics.predicted(y, r, nout) == Metrics.predicted(tb, r, nout)) out.correct++;
        } else {
            reg.add(y, tb, size, targetNorm, ys, ts);
            out.regression = reg.state(out.regression);
        }
        if (!Double.isFinite(l)) return; // the driver reports the divergence; no gradient to speak of
        objective.backward(y, tb, size);
        List<Network.Named> named = net.named();
        int o = 0;
        for (int p = 0; p < named.size(); p++) {
            double[] g = named.get(p).p().grad();
            int len = named.get(p).p().size();
            for (int i = 0; i < len; i++) out.grad[o + i] = g[i] * w;
            o += len;
        }
    }
}
