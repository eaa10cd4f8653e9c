package nn.core.check;

import java.nio.file.Path;
import java.util.List;
import nn.core.config.Node;
import nn.core.config.Yaml;
import nn.core.spi.Activation;
import nn.core.spi.ActivationProvider;
import nn.core.tensor.Rng;
import nn.core.train.Config;
import nn.core.train.Gradients;
import nn.core.train.Network;
import nn.core.train.Plugins;

/**
 * An activation's checks, with its declared defaults:
 * <ul>
 * <li>{@code backward}: its backward, dz = (∂f/∂z)ᵀ·dout with a random dout, against central differences of
 *     Σ dout·f(z) ({@link Differences#activation}) on a random 3 × 4 batch, z uniform in [−5, 5): f'(z)·dout for an
 *     element-wise function, the full Jacobian-vector product for one that is not (softmax);</li>
 * <li>{@code backward_special}: the same at z = 0, ±1e-4, ±1 and ±20 (column 0 of a 7 × 2 batch whose column 1 is
 *     random, so that a row-wise function sees two different values); at a kink (relu at 0) a one-sided derivative or
 *     anything between the two is accepted ({@link Differences#atKink});</li>
 * <li>{@code network}: every parameter's gradient in a small network, 3 inputs → dense(4 units, this activation) →
 *     dense(2) → mean squared error over 4 random rows, by backpropagation against central differences, exactly as
 *     {@code nn grad --check} computes them ({@link Gradients}).</li>
 * </ul>
 */
final class ActivationChecks {
    private ActivationChecks() {}

    /** The special points: where kinks, saturation and cancellation live. */
    static final double[] SPECIAL = {0, 1e-4, -1e-4, 1, -1, 20, -20};

    static void run(Rows rows, Plugins plugins, ActivationProvider p, String ref) {
        Activation f = p.create(Defaults.params(rows.kind, p));
        rows.run("backward", () -> random(rows, f));
        rows.run("backward_special", () -> special(rows, f));
        rows.run("network", () -> network(rows, plugins, p, ref));
    }

    private static void random(Rows rows, Activation f) {
        int r = 3, c = 4;
        Rng rng = new Rng(rows.seed);
        double[] z = new double[r * c], dout = new double[r * c];
        for (int i = 0; i < z.length; i++) {
            z[i] = rng.uniform(-5, 5);
            dout[i] = rng.uniform(-1, 1);
        }
        compare(rows, "backward", f, z, dout, r, c, false);
    }

    private static void special(Rows rows, Activation f) {
        int r = SPECIAL.length, c = 2;
        Rng rng = new Rng(rows.seed + 1);
        double[] z = new double[r * c], dout = new double[r * c];
        for (int i = 0; i < r; i++) {
            z[i * c] = SPECIAL[i];
            z[i * c + 1] = rng.uniform(-1, 1);
        }
        for (int i = 0; i < z.length; i++) dout[i] = rng.uniform(-1, 1);
        compare(rows, "backward_special", f, z, dout, r, c, true);
    }

    /** backward's dz against central differences of Σ dout·f(z), element by element; special: column 0 only. */
    private static void compare(Rows rows, String check, Activation f, double[] z, double[] dout, int r, int c, boolean special) {
        double[] out = new double[r * c], dz = new double[r * c];
        f.forward(z, out, r, c);
        f.backward(z, out, dout.clone(), dz, r, c);
        var g = Differences.projected(f, z, dout, r, c);
        for (int i = 0; i < z.length; i++) {
            if (special && i % c != 0) continue;
            String param = "z" + Rows.at(i, c) + (special ? "=" + z[i] : "");
            rows.derivative(check, param, dz[i], z, i, g);
        }
    }

    private static void network(Rows rows, Plugins plugins, ActivationProvider p, String ref) {
        String yaml = "seed: " + rows.seed + "\nmodel:\n  inputs: 3\n  layers:\n"
                + "    - {units: 4, activation: " + Defaults.mapping(ref, p) + "}\n"
                + "    - {units: 2}\n";
        Network net = network(yaml, plugins);
        int n = 4;
        Rng rng = new Rng(rows.seed + 2);
        double[] x = new double[n * 3], t = new double[n * 2];
        for (int i = 0; i < x.length; i++) x[i] = rng.uniform(-2, 2);
        for (int i = 0; i < t.length; i++) t[i] = rng.uniform(-1, 1);
        Gradients.Target target = new Gradients.OfLoss(new MeanSquared(), x, t, n);
        Gradients.backprop(net, target);
        List<Gradients.Element> elements = Gradients.elements(net);
        double[] grads = elements.stream().mapToDouble(Gradients.Element::grad).toArray();
        double[] numeric = Gradients.numeric(net, target, rows.tol.eps());
        for (int i = 0; i < grads.length; i++) rows.agree("network", elements.get(i).param(), grads[i], numeric[i]);
    }

    /** The network of a config given as YAML text, built as a user's config builds it. */
    static Network network(String yaml, Plugins plugins) {
        Node.Mapping tree = (Node.Mapping) Yaml.parse(yaml, "plugins-check.yaml", 0);
        return Config.of(Path.of("plugins-check.yaml"), tree, plugins).network(-1);
    }
}
