package nn.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import nn.core.config.Node;
import nn.core.config.Yaml;
import nn.core.data.Dataset;
import nn.core.data.Normalizer;
import nn.core.spi.Loss;
import nn.core.tensor.Rng;
import nn.core.train.Config;
import nn.core.train.Network;
import nn.core.train.Objective;
import nn.core.train.Plugins;
import nn.core.train.ShardStep;
import nn.core.train.Shards;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One step of training.shards = S ({@link Shards}, {@link ShardStep}): the shards' parts g_k = (n_k / N)·∇(mean loss
 * over shard k's rows of the step), added in shard order, are the gradient of the mean loss over all N rows of the
 * step, ∇ (1/N) Σ_r L_r. Checked against the unsharded gradient of those rows (one forward of all of them and
 * {@link Objective#backward}) to 1e-12, and against central differences of the mean loss (ε = 1e-6).
 *
 * <p>Random networks from YAML: 0 to 2 hidden dense layers of sigmoid, tanh or relu, and a head of softmax +
 * cross_entropy or sigmoid, tanh or identity + mse; no dropout. Lives in the plugins module, whose providers these
 * are (core's tests cannot see them). relu's kink: inputs are drawn again while any relu pre-activation of the step's
 * rows is within {@value #KINK} of 0, as in {@link NetworkGradientTest}.
 */
class ShardedGradientTest {
    private static final double RTOL = 1e-12, ATOL = 1e-14, EPS = 1e-6, FD_RTOL = 1e-6, FD_ATOL = 1e-9, KINK = 1e-4;
    private static final List<String> HIDDEN = List.of("sigmoid", "tanh", "relu");
    private static final List<String> HEADS = List.of("softmax cross_entropy", "identity mse", "sigmoid mse", "tanh mse");

    private final Plugins plugins = Plugins.load(getClass().getClassLoader());

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 60);
    }

    /** A random network and loss, N rows of data, S shards, a global batch B and one step t of an epoch. */
    private final class Case {
        final String yaml;
        final Network net;
        final Loss loss;
        final boolean classification;
        final int s, n, b, nin, nout;
        final long seed, epoch, t;
        final Shards plan;
        Dataset data;

        Case(long seed) {
            this.seed = seed;
            Rng g = new Rng(seed);
            s = 2 + (int) (seed % 3); // 2, 3, 4 in turn
            nin = 1 + g.nextInt(4);
            String[] head = HEADS.get(g.nextInt(HEADS.size())).split(" ");
            classification = head[1].equals("cross_entropy");
            nout = classification ? 2 + g.nextInt(3) : 1 + g.nextInt(3);
            StringBuilder y = new StringBuilder("seed: " + seed + "\nmodel:\n  inputs: " + nin + "\n  layers:\n");
            for (int i = 0, hidden = g.nextInt(3); i < hidden; i++) y.append(layer(1 + g.nextInt(5), HIDDEN.get(g.nextInt(HIDDEN.size()))));
            y.append(layer(nout, head[0])).append("loss: ").append(head[1]).append('\n');
            yaml = y.toString();
            Config c = Config.of(Path.of("test.yaml"), (Node.Mapping) Yaml.parse(yaml, "test.yaml", 0), plugins);
            net = c.network(-1);
            loss = c.loss().provider().create(c.loss().params());
            n = s + g.nextInt(40);
            b = s + g.nextInt(n - s + 1);
            plan = new Shards(s, n, b);
            epoch = g.nextInt(5);
            t = g.nextInt((int) plan.steps());
            for (int attempt = 0; ; attempt++) {
                double[] x = new double[n * nin], tg = targets(g);
                for (int i = 0; i < x.length; i++) x[i] = g.uniform(-2, 2);
                data = new Dataset("test", x, tg, n, nin, nout, names("x", nin), names("t", nout), classification ? names("c", nout) : List.of());
                if (!Kinks.near(net, batch()[0], plan.total(t), KINK)) break;
                Assumptions.assumeTrue(attempt < 50, () -> "near relu's kink after 50 draws:\n" + yaml);
            }
        }

        private String layer(int units, String f) {
            return "    - {units: " + units + ", activation: " + f + ", weights: {init: normal, std: 0.8}, bias: {init: uniform, a: -0.5, b: 0.5}}\n";
        }

        /** One-hot or probability rows for cross_entropy, else uniform in (−1, 1). */
        private double[] targets(Rng g) {
            double[] tg = new double[n * nout];
            for (int r = 0; r < n; r++) {
                if (!classification) {
                    for (int j = 0; j < nout; j++) tg[r * nout + j] = g.uniform(-1, 1);
                } else if (g.nextDouble() < 0.5) {
                    tg[r * nout + g.nextInt(nout)] = 1;
                } else {
                    double sum = 0;
                    for (int j = 0; j < nout; j++) sum += tg[r * nout + j] = g.uniform(0.01, 1);
                    for (int j = 0; j < nout; j++) tg[r * nout + j] /= sum;
                }
            }
            return tg;
        }

        /** The training-set rows of step t, shard by shard in shard order, each in its shard's order of the epoch. */
        int[] batchRows() {
            int[] rows = new int[plan.total(t)];
            int at = 0;
            for (int k = 0; k < s; k++) {
                int[] members = plan.members(k), order = new int[members.length];
                Shards.order(seed, k, epoch, true, order, members.length);
                for (int i = 0; i < plan.size(k, t); i++) rows[at++] = members[order[plan.from(k, t) + i]];
            }
            assertEquals(rows.length, at);
            return rows;
        }

        /** The features (index 0) and targets (index 1) of the step's rows, in {@link #batchRows()} order. */
        double[][] batch() {
            int[] rows = batchRows();
            double[] x = new double[rows.length * nin], tg = new double[rows.length * nout];
            data.rows(rows, 0, rows.length, x, tg);
            return new double[][] {x, tg};
        }


        /** Each shard's part of step t, as {@code LocalShards} computes them: one ShardStep on the network, shard after shard. */
        ShardStep.Part[] parts() {
            ShardStep step = new ShardStep(net, loss, classification, Normalizer.none(nout), plan.most(), seed);
            ShardStep.Part[] parts = new ShardStep.Part[s];
            for (int k = 0; k < s; k++) {
                int[] members = plan.members(k), order = new int[members.length];
                Shards.order(seed, k, epoch, true, order, members.length);
                parts[k] = new ShardStep.Part(net.parameterCount());
                step.run(k, data.select(members, members.length), order, plan.from(k, t), plan.size(k, t), 100 * epoch + t, parts[k]);
            }
            return parts;
        }

        /** g = (((W_0 g_0 + W_1 g_1) + W_2 g_2) + …) / Σ W_k, flat in the network's parameter order. */
        double[] sharded() {
            ShardStep.Part[] parts = parts();
            double[] g = parts[0].grad.clone();
            double w = parts[0].weight;
            for (int k = 1; k < s; k++) {
                for (int i = 0; i < g.length; i++) g[i] += parts[k].grad[i];
                w += parts[k].weight;
            }
            for (int i = 0; i < g.length; i++) g[i] /= w;
            return g;
        }

        /** ∇ of the mean loss over the step's rows, as training without shards computes it. */
        double[] whole() {
            int rows = plan.total(t);
            double[][] xt = batch();
            net.zeroGrad();
            double[] y = net.forward(xt[0], rows, true);
            Objective.of(net, loss).backward(y, xt[1], rows);
            double[] g = new double[net.parameterCount()];
            int o = 0;
            for (Network.Named p : net.named()) {
                System.arraycopy(p.p().grad(), 0, g, o, p.p().size());
                o += p.p().size();
            }
            return g;
        }

        /** The mean loss over the step's rows, on the network's output (not fused). */
        double meanLoss() {
            int rows = plan.total(t);
            double[][] xt = batch();
            return loss.value(net.forward(xt[0], rows, false), xt[1], rows, nout);
        }

        /** (L(θ_i + ε) − L(θ_i − ε)) / 2ε for every θ_i, flat in the network's parameter order. */
        double[] centralDifferences() {
            List<Double> d = new ArrayList<>();
            for (Network.Named p : net.named()) {
                double[] v = p.p().data();
                for (int i = 0; i < v.length; i++) {
                    double keep = v[i];
                    v[i] = keep + EPS;
                    double up = meanLoss();
                    v[i] = keep - EPS;
                    double down = meanLoss();
                    v[i] = keep;
                    d.add((up - down) / (2 * EPS));
                }
            }
            return d.stream().mapToDouble(Double::doubleValue).toArray();
        }

        String describe() {
            return "S " + s + ", N " + n + ", B " + b + ", epoch " + epoch + ", step " + t + " of " + plan.steps() + " (" + plan.total(t) + " rows)\n" + yaml;
        }
    }

    private static List<String> names(String prefix, int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) out.add(prefix + i);
        return out;
    }

    private static void assertClose(double[] expected, double[] actual, double rtol, double atol, String what, Case c) {
        assertEquals(expected.length, actual.length);
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i], a = actual[i];
            if (!(Math.abs(e - a) <= Math.max(rtol * Math.max(Math.abs(e), Math.abs(a)), atol))) bad.add("θ[" + i + "] " + a + " against " + e);
        }
        assertTrue(bad.isEmpty(), () -> what + ": " + bad.size() + " of " + expected.length + " differ:\n  " + String.join("\n  ", bad) + "\n" + c.describe());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theShardsPartsAddUpToTheGradientOfTheMeanLossOverTheStepsRows(long seed) {
        Case c = new Case(seed);
        assertClose(c.whole(), c.sharded(), RTOL, ATOL, "Σ_k g_k against ∇ of the whole step", c);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theShardsPartsAddUpToCentralDifferencesOfTheMeanLoss(long seed) {
        Case c = new Case(seed);
        double[] g = c.sharded();
        assertClose(c.centralDifferences(), g, FD_RTOL, FD_ATOL, "Σ_k g_k against central differences", c);
    }

    /** Σ_k (loss_k) / N, the step's training loss as the trainer adds it up, is the mean loss; Σ_k rows_k = N. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theShardsLossesAddUpToTheMeanLossOverTheStepsRows(long seed) {
        Case c = new Case(seed);
        ShardStep.Part[] parts = c.parts();
        double l = 0;
        int rows = 0;
        for (int k = 0; k < parts.length; k++) {
            assertEquals(k, parts[k].shard);
            assertEquals(c.plan.size(k, c.t), parts[k].rows, "shard " + k);
            l += parts[k].loss;
            rows += parts[k].rows;
        }
        assertEquals(c.plan.total(c.t), rows);
        double mean = c.meanLoss();
        assertEquals(mean, l / rows, RTOL * Math.abs(mean) + ATOL, c.describe());
    }
}
