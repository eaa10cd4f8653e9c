package nn.core.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nn.core.DivergedException;
import nn.core.config.ConfigException;
import nn.core.config.Node;
import nn.core.data.Dataset;
import nn.core.data.Normalizer;
import nn.core.spi.Loss;
import nn.core.spi.Optimizer;
import nn.core.spi.Parameter;
import nn.core.tensor.Rng;

/**
 * The training loop: per epoch, a seeded shuffle, mini-batches (the last one partial), forward, loss, backward,
 * optional gradient clipping by global norm, one optimizer step per batch; then validation metrics, the
 * learning-rate schedule and early stopping. Everything random is drawn from generators seeded from the config,
 * so the same config, seed and thread count give bit-identical results.
 */
public final class Trainer {
    /**
     * Computes the shards' parts of each step when training.shards &gt; 1 ({@link Shards}): in this process
     * ({@link LocalShards}) or elsewhere (nn-spark's executors). Whatever computes them, the trainer adds them up
     * in shard order and steps the optimizer, so the result has the same bits.
     */
    public interface ShardEngine extends AutoCloseable {
        /**
         * Fills parts[k] with shard k's part of step stepInEpoch of epoch (both 0-based; step counts the run's
         * steps so far), computed with the network's current parameters. parts modified.
         */
        void step(long epoch, long stepInEpoch, long step, ShardStep.Part[] parts);

        @Override
        default void close() {}
    }

    /** Told about progress; all methods optional. */
    public interface Listener {
        default void batch(long epoch, long batchIndex, long batches) {}

        /** After each epoch; its metrics are history's last row. */
        default void epoch(History history) {}
    }

    private final Experiment e;
    private final Network net;
    private final Optimizer optimizer;
    private final Config.Training t;
    private final Rng shuffle;
    private final History history = new History();
    private long epoch;
    private long steps;
    private double bestScore = Double.POSITIVE_INFINITY;
    private long bestEpoch = -1; // 0-based index into history
    private double[] bestWeights, bestBuffers;
    private long sinceBest;
    private boolean stoppedEarly;
    private long samples;
    private ShardEngine engine;

    public Trainer(Experiment e) {
        this.e = e;
        this.net = e.network();
        this.optimizer = e.config().optimizer().provider().create(e.config().optimizer().params(), net.parameters());
        this.t = e.config().training();
        this.shuffle = Rng.derive(e.config().seed(), "shuffle");
        Dataset d = e.train();
        if (d != null && d.n() > 0) checkBatches(d.n(), Math.min(t.batchSize(), d.n()));
        if (t.shards() > 1) checkShards(d);
    }

    /** The plan of training.shards over the training rows, or null when training.shards is 1. */
    public Shards shards() {
        Dataset d = e.train();
        if (t.shards() == 1 || d == null || d.n() == 0) return null;
        return new Shards(t.shards(), d.n(), t.batchSize());
    }

    /** Has the shards computed by engine rather than in this process (training.shards &gt; 1 only). */
    public void shardEngine(ShardEngine engine) {
        this.engine = engine;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** The generator of the data order; checkpointed. */
    public Rng shuffleRng() {
        return shuffle;
    }

    /** Epochs completed. */
    public long epoch() {
        return epoch;
    }

    public long steps() {
        return steps;
    }

    public History history() {
        return history;
    }

    public long bestEpoch() {
        return bestEpoch;
    }

    public boolean stoppedEarly() {
        return stoppedEarly;
    }

    /** Training samples processed by this process (for throughput). */
    public long samples() {
        return samples;
    }

    /**
     * Restores the loop's position (after the parameters, buffers and optimizer state were restored). bestBuffers:
     * the buffers that go with bestWeights, null when there are none.
     */
    public void restore(long epoch, long steps, long shuffleState, List<Map<String, Double>> history, long bestEpoch,
                        double bestScore, double[] bestWeights, double[] bestBuffers, long sinceBest) {
        this.epoch = epoch;
        this.steps = steps;
        this.shuffle.state(shuffleState);
        this.history.set(history);
        this.bestEpoch = bestEpoch;
        this.bestScore = bestScore;
        this.bestWeights = bestWeights;
        this.bestBuffers = bestBuffers;
        this.sinceBest = sinceBest;
    }

    public double bestScore() {
        return bestScore;
    }

    public double[] bestWeights() {
        return bestWeights;
    }

    /**
     * The buffers (running statistics) of the network whose parameters are {@link #bestWeights()}, concatenated in
     * checkpoint order; null without early stopping or when the network has no buffers.
     */
    public double[] bestBuffers() {
        return bestBuffers;
    }

    /** Counts early stopping's patience afresh from now (resuming a run that stopped early). */
    public void resetPatience() {
        sinceBest = 0;
        stoppedEarly = false;
    }

    public long sinceBest() {
        return sinceBest;
    }

    /** Runs epochs until training.epochs or early stopping; after every epoch, calls listener and then afterEpoch. */
    public void run(Listener listener, Runnable afterEpoch) {
        e.stopWarmUp();
        Dataset d = e.train();
        if (d == null || d.n() == 0) throw new nn.core.BadInputException(e.config().file() + ": data.train: no training rows");
        int nin = d.nin(), nout = d.nout(), bs = Math.min(t.batchSize(), d.n());
        Loss loss = e.loss();
        Objective objective = Objective.of(net, loss);
        double[] xb = new double[bs * nin], tb = new double[bs * nout];
        Shards plan = shards();
        // with shards each orders its own rows (and rows read elsewhere are not here to order)
        Epoch rows = plan != null ? null : new Epoch(d, shuffle, t.shuffle(), new int[d.chunks() == null ? d.n() : 0]);
        ShardStep.Part[] parts = null;
        if (plan != null) {
            if (engine == null) engine = new LocalShards(e, plan);
            parts = new ShardStep.Part[plan.count()];
            for (int k = 0; k < parts.length; k++) parts[k] = new ShardStep.Part(net.parameterCount());
        }
        long batches = plan != null ? plan.steps() : (d.n() + bs - 1) / bs;
        net.ensure(bs);
        int cEpoch = history.column("epoch"), cLr = history.column("lr"), cLoss = history.column("train_loss");
        int cAccuracy = e.classification() ? history.column("train_accuracy") : -1;
        // Regression: RMSE, MAE and R² in the target's own units, of the outputs as training computed them.
        RegressionReport reg = e.classification() ? null : new RegressionReport(nout);
        Normalizer tn = d.targetNormalizer();
        double[] ys = reg == null ? null : new double[bs * nout], ts = reg == null ? null : new double[bs * nout];
        int cRmse = reg == null ? -1 : history.column("train_rmse"), cMae = reg == null ? -1 : history.column("train_mae");
        int cR2 = reg == null ? -1 : history.column("train_r2");
        while (epoch < t.epochs() && !stoppedEarly) {
            if (plan == null) rows.start();
            double lr = Schedules.rate(t.schedule(), optimizer.learningRate(), epoch);
            double lossSum = 0;
            long correct = 0;
            if (reg != null) reg.reset();
            for (long b = 0; b < batches; b++) {
                if (plan != null) {
                    engine.step(epoch, b, steps, parts);
                    int n = plan.total(b);
                    double l = 0, w = 0;
                    for (int k = 0; k < parts.length; k++) {
                        l += parts[k].loss;
                        w += parts[k].weight;
                        correct += parts[k].correct;
                        if (reg != null && parts[k].regression != null) reg.merge(parts[k].regression);
                    }
                    l /= w;
                    if (!Double.isFinite(l)) throw diverged(l, b);
                    lossSum += l * n;
                    sum(parts, w, net.named());
                    if (t.clipNorm() > 0) clip(net.parameters(), t.clipNorm());
                    optimizer.step(lr);
                    steps++;
                    samples += n;
                    listener.batch(epoch, b, batches);
                    continue;
                }
                int start = (int) (b * bs), n = Math.min(bs, d.n() - start);
                rows.batch(n, xb, tb);
                net.zeroGrad();
                double[] y = net.forward(xb, n, true);
                double l = objective.value(y, tb, n);
                if (!Double.isFinite(l)) throw diverged(l, b);
                lossSum += l * n;
                if (e.classification()) {
                    for (int r = 0; r < n; r++) if (Metrics.predicted(y, r, nout) == Metrics.predicted(tb, r, nout)) correct++;
                } else {
                    reg.add(y, tb, n, tn, ys, ts);
                }
                objective.backward(y, tb, n);
                if (t.clipNorm() > 0) clip(net.parameters(), t.clipNorm());
                optimizer.step(lr);
                steps++;
                samples += n;
                listener.batch(epoch, b, batches);
            }
            history.newRow();
            history.set(cEpoch, epoch + 1);
            history.set(cLr, lr);
            history.set(cLoss, lossSum / d.n());
            if (cAccuracy >= 0) history.set(cAccuracy, (double) correct / d.n());
            if (reg != null) {
                history.set(cRmse, reg.rmse());
                history.set(cMae, reg.mae());
                history.set(cR2, reg.r2());
            }
            checkWeights(batches - 1);
            double score = lossSum / d.n();
            if (e.validation() != null && e.validation().n() > 0) {
                Map<String, Double> v = Metrics.evaluate(net, loss, e.validation(), e.classification(), "val", 256);
                v.forEach((k, x) -> history.set(history.column(k), x));
                score = v.get("val_loss");
            }
            track(score);
            epoch++;
            listener.epoch(history);
            afterEpoch.run();
        }
        if (stoppedEarly && bestWeights != null) {
            net.setFlatValues(bestWeights);
            if (bestBuffers != null) net.setFlatBuffers(bestBuffers);
        }
    }

    /**
     * Every training batch, the last of an epoch (what is left over) included, has at least the rows each layer
     * needs ({@link nn.core.spi.Layer#minTrainingBatch()}: batch_norm needs 2); else a config error at
     * training.batch_size naming the layer, the sizes and a batch size that works. Checked when the trainer is made,
     * before anything is said or written.
     */
    private void checkBatches(int rows, int bs) {
        List<nn.core.spi.Layer> layers = net.layers();
        int last = rows % bs == 0 ? bs : rows % bs;
        for (int i = 0; i < layers.size(); i++) {
            int min = layers.get(i).minTrainingBatch();
            if (last >= min) continue; // last ≤ bs
            String kind = Network.kind(layers.get(i));
            String layer = "model.layers[" + i + "] (" + kind + ") needs training batches of at least " + min + " rows";
            int fits = batchSizeThatFits(rows, bs, min);
            String fix = fits > 0 ? " (training.batch_size=" + fits + " would do)"
                    : " (there " + (rows == 1 ? "is only 1 training row)" : "are only " + rows + " training rows)");
            String what = bs < min ? t.batchSize() + ", but " + layer
                    : t.batchSize() + " leaves a last batch of " + last + (last == 1 ? " row" : " rows") + " (" + rows + " training rows), but " + layer;
            Node.Mapping tree = e.config().tree();
            Node training = tree.get("training"), at = training instanceof Node.Mapping m && m.get("batch_size") != null ? m.get("batch_size") : training;
            throw new ConfigException(at == null ? tree.loc() : at.loc(), "training.batch_size: " + what + fix);
        }
    }


    /** The batch size nearest bs (above first) whose batches, the last included, all have at least min rows; -1 for none. */
    private static int batchSizeThatFits(int rows, int bs, int min) {
        for (int d = 1; d <= rows; d++) {
            for (int b : new int[] {bs + d, bs - d}) {
                if (b >= min && b <= rows && (rows % b == 0 || rows % b >= min)) return b;
            }
        }
        return -1;
    }

    /**
     * The step's gradient into every parameter's grad: the shards' parts (each its mean gradient times its weight)
     * added in shard order, ((g_0 + g_1) + g_2) + …, then divided by the step's total weight w.
     */
    private static void sum(ShardStep.Part[] parts, double w, List<Network.Named> named) {
        int o = 0;
        for (int p = 0; p < named.size(); p++) {
            double[] g = named.get(p).p().grad();
            int len = named.get(p).p().size();
            System.arraycopy(parts[0].grad, o, g, 0, len);
            for (int k = 1; k < parts.length; k++) {
                double[] part = parts[k].grad;
                for (int i = 0; i < len; i++) g[i] += part[o + i];
            }
            for (int i = 0; i < len; i++) g[i] /= w;
            o += len;
        }
    }

    /**
     * training.shards &gt; 1 needs rows in memory (a shard holds its own) and layers without running statistics
     * (each shard would keep its own); else a config error at training.shards.
     */
    private void checkShards(Dataset d) {
        Node.Mapping tree = e.config().tree();
        Node at = ((Node.Mapping) tree.get("training")).get("shards");
        if (d != null && d.chunks() != null) {
            throw new ConfigException(at.loc(), "training.shards: " + t.shards() + " shards need the training rows in memory, but data.train"
                    + " streams them from disk (drop data.train.stream, or training.shards=1)");
        }
        List<Network.NamedBuffer> buffers = net.buffers();
        if (!buffers.isEmpty()) {
            int i = buffers.get(0).layer();
            throw new ConfigException(at.loc(), "training.shards: " + t.shards() + " shards would each keep their own running statistics of"
                    + " model.layers[" + i + "] (" + Network.kind(net.layers().get(i)) + "), and those are not summed across shards; use layer_norm,"
                    + " or training.shards=1");
        }
    }

    /** Best-so-far on validation loss (training loss without validation); early stopping when configured. */
    private void track(double score) {
        double minDelta = t.earlyStopping() == null ? 0 : t.earlyStopping().minDelta();
        if (score < bestScore - minDelta || bestEpoch < 0) {
            bestScore = score;
            bestEpoch = epoch;
            sinceBest = 0;
            if (t.earlyStopping() != null) {
                bestWeights = net.flatValues();
                bestBuffers = net.buffers().isEmpty() ? null : net.flatBuffers();
            }
        } else {
            sinceBest++;
            if (t.earlyStopping() != null && sinceBest >= t.earlyStopping().patience()) stoppedEarly = true;
        }
    }

    /** torch.nn.utils.clip_grad_norm_: total = ‖g‖₂ over all parameters; if total > max, g *= max/(total + 1e-6). */
    static void clip(List<Parameter> params, double max) {
        double sq = 0;
        for (int k = 0; k < params.size(); k++) { // indexed loops: an iterator a step is an allocation once C2
            double[] g = params.get(k).grad();    // cannot inline a call site that has seen several list types
            for (int i = 0; i < g.length; i++) sq += g[i] * g[i];
        }
        double total = Math.sqrt(sq);
        double coef = max / (total + 1e-6);
        if (coef >= 1) return;
        for (int k = 0; k < params.size(); k++) {
            double[] g = params.get(k).grad();
            for (int i = 0; i < g.length; i++) g[i] *= coef;
        }
    }

    private void checkWeights(long batch) {
        String bad = badLayer();
        if (bad != null) throw new DivergedException("epoch " + (epoch + 1) + ", batch " + (batch + 1) + ": " + bad + " is not finite");
    }

    private DivergedException diverged(double l, long batch) {
        String bad = badLayer();
        return new DivergedException("epoch " + (epoch + 1) + ", batch " + (batch + 1) + ": loss is " + l
                + (bad != null ? "; " + bad + " is not finite" : "; every weight is still finite (the outputs overflowed)")
                + " (try a smaller optimizer.learning_rate or training.clip_norm)");
    }

    /** The first parameter or buffer with a NaN or infinite value, as "layers.1.weight[0,2] = NaN". */
    private String badLayer() {
        List<Network.Named> named = net.named();
        for (int k = 0; k < named.size(); k++) { // indexed: this runs every epoch, and allocates nothing
            Network.Named n = named.get(k);
            double[] d = n.p().data();
            for (int i = 0; i < d.length; i++) if (!Double.isFinite(d[i])) return n.path() + n.p().index(i) + " = " + d[i];
        }
        List<Network.NamedBuffer> buffers = net.buffers();
        for (int k = 0; k < buffers.size(); k++) {
            Network.NamedBuffer n = buffers.get(k);
            double[] d = n.b().data();
            for (int i = 0; i < d.length; i++) if (!Double.isFinite(d[i])) return n.path() + n.b().index(i) + " = " + d[i];
        }
        return null;
    }
}
