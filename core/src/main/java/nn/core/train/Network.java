package nn.core.train;

import java.util.ArrayList;
import java.util.List;
import nn.core.spi.Layer;
import nn.core.spi.Parameter;
import nn.core.tensor.Rng;

/**
 * A feed-forward stack of layers with the buffers for one batch: {@code outs[i]} is layer i's output and
 * {@code grads[i]} the gradient of the loss with respect to it. Forward and backward allocate nothing once
 * the buffers fit the batch.
 */
public final class Network {
    /** A parameter with its place in the network: {@code layers.1.weight}, layer 1. */
    public record Named(String path, int layer, Parameter p) {}

    private final int nin;
    private final List<Layer> layers;
    private final List<Named> named = new ArrayList<>();
    private final Rng rng;
    private double[][] outs;
    private double[][] grads;
    private double[] input;
    private int capacity;

    public Network(int nin, List<Layer> layers, Rng rng) {
        this.nin = nin;
        this.layers = List.copyOf(layers);
        this.rng = rng;
        for (int i = 0; i < layers.size(); i++) {
            for (Parameter p : layers.get(i).parameters()) named.add(new Named("layers." + i + "." + p.name(), i, p));
        }
    }

    public int nin() {
        return nin;
    }

    public int nout() {
        return layers.isEmpty() ? nin : layers.get(layers.size() - 1).nout();
    }

    public List<Layer> layers() {
        return layers;
    }

    /** The generator layers use while training (dropout); checkpointed. */
    public Rng rng() {
        return rng;
    }

    /** Every parameter in report order: layer by layer, each layer's weights then biases. */
    public List<Named> named() {
        return named;
    }

    public List<Parameter> parameters() {
        return named.stream().map(Named::p).toList();
    }

    public int parameterCount() {
        int n = 0;
        for (Named p : named) n += p.p().size();
        return n;
    }

    /** Makes room for batches of n samples. */
    public void ensure(int n) {
        if (n <= capacity) return;
        outs = new double[layers.size()][];
        grads = new double[layers.size()][];
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            l.allocate(n);
            outs[i] = new double[n * l.nout()];
            grads[i] = new double[n * l.nout()];
        }
        capacity = n;
    }

    /**
     * The network's output for n samples x (n × nin, not modified). The returned array is a buffer of the network
     * (n × nout valid values), overwritten by the next forward.
     */
    public double[] forward(double[] x, int n, boolean training) {
        ensure(n);
        input = x;
        double[] in = x;
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).forward(in, outs[i], n, training);
            in = outs[i];
        }
        return in;
    }

    /** The buffer for ∂L/∂output (n × nout) that {@link #backward(int)} reads; fill it after forward. */
    public double[] outputGrad() {
        return grads[layers.size() - 1];
    }

    /** Adds ∂L/∂θ to every parameter's grad, from {@link #outputGrad()} and the last forward of n samples. */
    public void backward(int n) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            double[] x = i == 0 ? input : outs[i - 1];
            double[] dx = i == 0 ? null : grads[i - 1];
            layers.get(i).backward(x, outs[i], grads[i], dx, n);
        }
    }

    public void zeroGrad() {
        for (Named p : named) p.p().zeroGrad();
    }

    /** Every parameter value, concatenated in report order (a copy). */
    public double[] flatValues() {
        double[] out = new double[parameterCount()];
        int o = 0;
        for (Named p : named) {
            System.arraycopy(p.p().data(), 0, out, o, p.p().size());
            o += p.p().size();
        }
        return out;
    }

    /** Sets every parameter value from a concatenation in report order. */
    public void setFlatValues(double[] values) {
        int o = 0;
        for (Named p : named) {
            System.arraycopy(values, o, p.p().data(), 0, p.p().size());
            o += p.p().size();
        }
    }
}
