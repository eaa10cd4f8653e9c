package nn.core.check;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import nn.core.spi.Layer;
import nn.core.spi.LayerProvider;
import nn.core.spi.Parameter;
import nn.core.tensor.Rng;
import nn.core.train.Network;
import nn.core.train.Plugins;

/**
 * A layer's checks, with its declared defaults, in a network built from a config as a user's is: 4 inputs → the
 * layer → dense(3 units) → mean squared error over 4 random rows (4, so that batch statistics have a variance; more
 * when the layer's {@link Layer#minTrainingBatch()} asks for more). The
 * layers are run by hand rather than by {@link Network}, because the gradient with respect to the layer's input is
 * checked too (a network does not compute it for its first layer).
 * <ul>
 * <li>{@code train}: in training mode, every parameter's gradient (the layer's and the dense head's) and every input
 *     element's, by backpropagation against central differences. A training forward may draw from the network's
 *     generator (dropout's mask) and update buffers (batch_norm's running statistics), so the generator's state and
 *     every buffer are restored before each forward: every forward of the check draws the same mask and starts from
 *     the same statistics, and the derivative is that of the function the backward pass differentiates;</li>
 * <li>{@code train_repeatable}: two training forwards from the same generator state and buffers give the same output
 *     bits (a layer with randomness of its own, not drawn from the network's seeded generator, fails here);</li>
 * <li>{@code eval}: the same gradients in evaluation mode, after one training batch has moved the running
 *     statistics, if any;</li>
 * <li>{@code eval_keeps_buffers}: evaluation forwards and backwards leave every buffer as it was (the
 *     {@link Layer#buffers()} contract);</li>
 * <li>{@code from_z}: for a layer that lets a fused loss start at its pre-activation ({@link Layer.Fusable}), its
 *     {@code backwardFromZ} against central differences of Σ g·z for a random g, in training mode.</li>
 * </ul>
 */
final class LayerChecks {
    private LayerChecks() {}

    private static final int ROWS = 4, NIN = 4, HEAD = 3;

    static void run(Rows rows, Plugins plugins, LayerProvider p, String ref) {
        String yaml = "seed: " + rows.seed + "\nmodel:\n  inputs: " + NIN + "\n  layers:\n    - " + Defaults.mapping(ref, p)
                + "\n    - {units: " + HEAD + "}\n";
        Network net = ActivationChecks.network(yaml, plugins);
        int n = Math.max(ROWS, net.layers().get(0).minTrainingBatch());
        Chain chain = new Chain(net.layers(), n);
        Rng rng = new Rng(rows.seed);
        double[] x = uniform(rng, n * NIN, 2), t = uniform(rng, n * HEAD, 1), other = uniform(rng, n * NIN, 2);
        long rngState = net.rng().state();
        double[] buffers = net.flatBuffers();
        Runnable reset = () -> {
            net.rng().state(rngState);
            net.setFlatBuffers(buffers);
        };
        rows.run("train_repeatable", () -> {
            reset.run();
            double[] first = chain.forward(x, true).clone();
            reset.run();
            double[] second = chain.forward(x, true);
            rows.property("train_repeatable", "out", (double) Rows.differing(first, second), 0.0, Rows.differing(first, second) == 0);
        });
        rows.run("train", () -> gradients(rows, "train", chain, x, t, true, reset));
        if (net.layers().get(0) instanceof Layer.Fusable fz) rows.run("from_z", () -> fromZ(rows, fz, n, x, rng, reset));
        rows.run("eval", () -> {
            reset.run();
            chain.forward(other, true); // moves any running statistics away from their initial values
            List<double[]> before = new ArrayList<>();
            for (Network.NamedBuffer b : net.buffers()) before.add(b.b().data().clone());
            gradients(rows, "eval", chain, x, t, false, () -> { });
            for (int i = 0; i < before.size(); i++) {
                Network.NamedBuffer b = net.buffers().get(i);
                int changed = Rows.differing(before.get(i), b.b().data());
                rows.property("eval_keeps_buffers", b.path(), (double) changed, 0.0, changed == 0);
            }
        });
    }

    private static double[] uniform(Rng rng, int n, double r) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = rng.uniform(-r, r);
        return a;
    }

    /** Every parameter's and input element's gradient of the chain's loss against central differences. */
    private static void gradients(Rows rows, String check, Chain chain, double[] x, double[] t, boolean training, Runnable reset) {
        chain.zeroGrad();
        reset.run();
        chain.loss(x, t, training);
        double[] dx = new double[x.length];
        chain.backward(x, t, dx);
        List<double[]> grads = new ArrayList<>();
        for (Layer l : chain.layers) for (Parameter q : l.parameters()) grads.add(q.grad().clone());
        DoubleSupplier f = () -> {
            reset.run();
            return chain.loss(x, t, training);
        };
        int k = 0;
        for (int li = 0; li < chain.layers.size(); li++) {
            for (Parameter q : chain.layers.get(li).parameters()) {
                double[] g = grads.get(k++);
                for (int i = 0; i < q.size(); i++) rows.derivative(check, "layers." + li + "." + q.name() + q.index(i), g[i], q.data(), i, f);
            }
        }
        for (int i = 0; i < x.length; i++) rows.derivative(check, "x" + Rows.at(i, NIN), dx[i], x, i, f);
    }

    /** backwardFromZ given g = ∂L/∂z, L = Σ g·z, against central differences of L, for the layer alone. */
    private static void fromZ(Rows rows, Layer.Fusable layer, int n, double[] x, Rng rng, Runnable reset) {
        int nz = n * layer.nout();
        double[] g = uniform(rng, nz, 1), out = new double[nz], dx = new double[x.length];
        for (Parameter q : layer.parameters()) q.zeroGrad();
        reset.run();
        layer.forward(x, out, n, true);
        layer.backwardFromZ(x, g.clone(), dx, n);
        List<double[]> grads = new ArrayList<>();
        for (Parameter q : layer.parameters()) grads.add(q.grad().clone());
        DoubleSupplier f = () -> {
            reset.run();
            layer.forward(x, out, n, true);
            double[] z = layer.z();
            double s = 0;
            for (int i = 0; i < nz; i++) s += g[i] * z[i];
            return s;
        };
        int k = 0;
        for (Parameter q : layer.parameters()) {
            double[] d = grads.get(k++);
            for (int i = 0; i < q.size(); i++) rows.derivative("from_z", "layers.0." + q.name() + q.index(i), d[i], q.data(), i, f);
        }
        for (int i = 0; i < x.length; i++) rows.derivative("from_z", "x" + Rows.at(i, NIN), dx[i], x, i, f);
    }

    /** Layers run in sequence by hand, their output, their output gradient, ending in {@link MeanSquared}. */
    private static final class Chain {
        final List<Layer> layers;
        final int n;
        final double[][] outs, grads;
        private final MeanSquared loss = new MeanSquared();

        Chain(List<Layer> layers, int n) {
            this.layers = layers;
            this.n = n;
            outs = new double[layers.size()][];
            grads = new double[layers.size()][];
            for (int i = 0; i < layers.size(); i++) {
                layers.get(i).allocate(n);
                outs[i] = new double[n * layers.get(i).nout()];
                grads[i] = new double[n * layers.get(i).nout()];
            }
        }

        double[] forward(double[] x, boolean training) {
            double[] in = x;
            for (int i = 0; i < layers.size(); i++) {
                layers.get(i).forward(in, outs[i], n, training);
                in = outs[i];
            }
            return in;
        }

        double loss(double[] x, double[] t, boolean training) {
            return loss.value(forward(x, training), t, n, layers.get(layers.size() - 1).nout());
        }

        /** After {@link #loss}: adds ∂L/∂θ to every parameter's grad and writes ∂L/∂x into dx. */
        void backward(double[] x, double[] t, double[] dx) {
            int last = layers.size() - 1;
            loss.gradient(outs[last], t, grads[last], n, layers.get(last).nout());
            for (int i = last; i >= 0; i--) {
                layers.get(i).backward(i == 0 ? x : outs[i - 1], outs[i], grads[i], i == 0 ? dx : grads[i - 1], n);
            }
        }

        void zeroGrad() {
            for (Layer l : layers) for (Parameter q : l.parameters()) q.zeroGrad();
        }
    }
}
