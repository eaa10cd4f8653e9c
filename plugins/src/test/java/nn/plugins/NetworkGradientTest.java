package nn.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import nn.core.config.Node;
import nn.core.config.Yaml;
import nn.core.spi.Loss;
import nn.core.tensor.Rng;
import nn.core.train.Config;
import nn.core.train.Gradients;
import nn.core.train.Network;
import nn.core.train.Plugins;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Backpropagation through whole networks against central differences: random networks built from YAML (1 to 4
 * dense layers of 1 to 5 units, hidden activations drawn from every activation provider, weights and biases from
 * initializers), each of the four output heads (softmax + cross_entropy, sigmoid + binary_cross_entropy, identity +
 * mse, identity + mae), for the mean loss over several rows and for one output unit of one row.
 *
 * <p>Kinks: relu and leaky_relu (and elu's second derivative) at z = 0, and mae at y = t, are where central
 * differences legitimately disagree with the one-sided derivative backprop takes. When any pre-activation of such a
 * layer, or any mae residual, is within {@value #KINK} of its kink, the inputs and targets are drawn again (a
 * perturbation of ε = 1e-6 cannot cross a margin of 1e-4); a case that stays near a kink after
 * {@value #REDRAWS} draws is skipped (reported as aborted), which no seed here does.
 */
class NetworkGradientTest {
    private static final double EPS = 1e-6, ATOL = 1e-7, RTOL = 1e-5, KINK = 1e-4;
    private static final int REDRAWS = 50;
    private static final List<String> HEADS = List.of("softmax cross_entropy", "sigmoid binary_cross_entropy", "identity mse", "identity mae");
    private static final List<String> WEIGHTS = List.of("torch_default", "xavier_uniform", "xavier_normal", "he_uniform", "he_normal",
            "{init: normal, std: 0.8}", "{init: uniform, a: -1.0, b: 1.0}");
    private static final List<String> BIASES = List.of("torch_default", "false", "{init: uniform, a: -0.5, b: 0.5}", "{init: normal, std: 0.3}");

    private final Plugins plugins = Plugins.load(getClass().getClassLoader());
    private final List<String> activations = plugins.activations.names().stream().sorted().toList();

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 30);
    }

    /** One random case: the config text, its network and loss, and inputs and targets away from kinks. */
    private final class Case {
        final String yaml;
        final Network net;
        final Loss loss;
        final String lossName;
        final int n;
        double[] x, t, one;
        final int k;

        Case(long seed) {
            Rng rng = new Rng(seed);
            int hidden = (int) (seed % 4); // 0..3 hidden layers: depth 1..4
            int nin = 1 + rng.nextInt(5);
            String[] head = HEADS.get(rng.nextInt(HEADS.size())).split(" ");
            lossName = head[1];
            int nout = head[0].equals("softmax") ? 2 + rng.nextInt(4) : 1 + rng.nextInt(5);
            StringBuilder y = new StringBuilder("seed: " + seed + "\nmodel:\n  inputs: " + nin + "\n  layers:\n");
            for (int i = 0; i < hidden; i++) {
                // the first hidden layer cycles through every activation over the seeds; the others are random
                String f = activations.get(i == 0 ? (int) (seed % activations.size()) : rng.nextInt(activations.size()));
                y.append(layer(1 + rng.nextInt(5), f, rng));
            }
            y.append(layer(nout, head[0], rng));
            y.append("loss: ").append(lossName).append('\n');
            yaml = y.toString();
            Config c = Config.of(Path.of("test.yaml"), (Node.Mapping) Yaml.parse(yaml, "test.yaml", 0), plugins);
            net = c.network(-1);
            loss = c.loss().provider().create(c.loss().params());
            assertEquals(hidden + 1, net.layers().size(), yaml);
            n = 2 + rng.nextInt(4);
            k = rng.nextInt(nout);
            for (int attempt = 0; ; attempt++) {
                draw(rng, nin, nout);
                if (!nearKink(x, n) && !nearKink(one, 1)) break;
                Assumptions.assumeTrue(attempt < REDRAWS, () -> "near a kink after " + REDRAWS + " draws:\n" + yaml);
            }
        }

        private String layer(int units, String f, Rng rng) {
            return "    - {units: " + units + ", activation: " + f + ", weights: " + WEIGHTS.get(rng.nextInt(WEIGHTS.size()))
                    + ", bias: " + BIASES.get(rng.nextInt(BIASES.size())) + "}\n";
        }

        /** x and one uniform in (−2, 2); targets valid for the loss: one-hot or probability rows, (0, 1), or any. */
        private void draw(Rng rng, int nin, int nout) {
            x = new double[n * nin];
            one = new double[nin];
            t = new double[n * nout];
            for (int i = 0; i < x.length; i++) x[i] = rng.uniform(-2, 2);
            for (int i = 0; i < nin; i++) one[i] = rng.uniform(-2, 2);
            for (int r = 0; r < n; r++) {
                switch (lossName) {
                    case "cross_entropy" -> {
                        if (rng.nextDouble() < 0.5) {
                            t[r * nout + rng.nextInt(nout)] = 1.0;
                        } else {
                            double s = 0;
                            for (int j = 0; j < nout; j++) s += t[r * nout + j] = rng.uniform(0.01, 1);
                            for (int j = 0; j < nout; j++) t[r * nout + j] /= s;
                        }
                    }
                    case "binary_cross_entropy" -> {
                        for (int j = 0; j < nout; j++) t[r * nout + j] = rng.uniform(0.01, 0.99);
                    }
                    default -> {
                        for (int j = 0; j < nout; j++) t[r * nout + j] = rng.uniform(-2, 2);
                    }
                }
            }
        }

        /** Whether a relu/leaky_relu/elu pre-activation, or an mae residual, is within KINK of its kink for these rows. */
        private boolean nearKink(double[] in, int rows) {
            if (Kinks.near(net, in, rows, KINK)) return true;
            if (lossName.equals("mae") && rows == n) {
                double[] y = Kinks.output(net, in, rows);
                for (int i = 0; i < y.length; i++) if (Math.abs(y[i] - t[i]) < KINK) return true;
            }
            return false;
        }
    }

    private static void assertAgree(Case c, Gradients.Target target, String what) {
        double value = Gradients.backprop(c.net, target);
        assertEquals(Gradients.value(c.net, target), value, 0.0, "backprop's value");
        List<Gradients.Element> elements = Gradients.elements(c.net);
        double[] grads = elements.stream().mapToDouble(Gradients.Element::grad).toArray();
        double[] numeric = Gradients.numeric(c.net, target, EPS);
        assertEquals(elements.size(), numeric.length);
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < numeric.length; i++) {
            if (!Gradients.agree(grads[i], numeric[i], ATOL, RTOL)) {
                bad.add(elements.get(i).param() + " backprop " + grads[i] + " numeric " + numeric[i]);
            }
        }
        assertTrue(bad.isEmpty(), () -> what + ": " + bad.size() + " of " + numeric.length + " disagree:\n  "
                + String.join("\n  ", bad) + "\n" + c.yaml);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void ofLossOverSeveralRowsMatchesCentralDifferences(long seed) {
        Case c = new Case(seed);
        assertAgree(c, new Gradients.OfLoss(c.loss, c.x, c.t, c.n), "--of loss over " + c.n + " rows");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void ofOutputMatchesCentralDifferences(long seed) {
        Case c = new Case(seed);
        assertAgree(c, new Gradients.OfOutput(c.one, c.k), "--of output, unit " + c.k);
    }

    /** The seeds cover every activation as a hidden layer and every head, so none goes untested. */
    @Test
    void theSeedsCoverEveryActivationAndHead() {
        Set<String> hiddenSeen = new java.util.TreeSet<>(), lossesSeen = new java.util.TreeSet<>();
        seeds().forEach(s -> {
            Case c = new Case(s);
            for (int i = 0; i + 1 < c.net.layers().size(); i++) hiddenSeen.add(c.net.layers().get(i).activationName());
            lossesSeen.add(c.lossName);
        });
        assertEquals(Set.copyOf(activations), hiddenSeen);
        assertEquals(Set.of("cross_entropy", "binary_cross_entropy", "mse", "mae"), lossesSeen);
        assertTrue(activations.size() >= 10, () -> "activations: " + activations);
    }
}
