package nn.core.train;

import java.util.ArrayList;
import java.util.List;
import nn.core.spi.Buffer;
import nn.core.spi.Layer;
import nn.core.spi.Parameter;
import nn.core.tensor.DType;
import nn.core.tensor.Rng;

/**
 * A feed-forward stack of layers with the buffers for one batch: {@code outs[i]} is layer i's output and
 * {@code grads[i]} the gradient of the loss with respect to it. Forward and backward allocate nothing once
 * the buffers fit the batch.
 *
 * <p>In float32 ({@link #dtype(DType)}) the layers compute on float buffers between the network's float64 edges:
 * forward rounds the input and every parameter's master value to float32 ({@link Parameter#narrow()}) and returns
 * the output widened to float64; backward rounds the output gradient and adds each parameter's float32 gradient
 * into its float64 one. Losses, metrics and optimizers see float64 arrays either way.
 *
 * <p>For a loss fused with the output activation ({@link nn.core.spi.Loss#fusedWith}) the network also gives the
 * last layer's pre-activation z ({@link #preActivation(int)}) and a backward that starts from ∂L/∂z
 * ({@link #backwardFromPreActivation(int)}); its output stays f(z).
 */
public final class Network {
    /** A parameter with its place in the network: {@code layers.1.weight}, layer 1. */
    public record Named(String path, int layer, Parameter p) {}

    /** A buffer (non-trainable state) with its place in the network: {@code layers.1.running_mean}, layer 1. */
    public record NamedBuffer(String path, int layer, Buffer b) {}

    private final int nin;
    private final List<Layer> layers;
    private final List<Named> named = new ArrayList<>();
    private final List<NamedBuffer> buffers = new ArrayList<>();
    private final Rng rng;
    private double[][] outs;
    private double[][] grads;
    private double[] input;
    private int capacity;
    private DType dtype = DType.FLOAT64;
    private float[][] outs32, grads32;
    private float[] input32;
    private final Layer.Fusable fusable; // the last layer when it exposes its pre-activation z, else null
    private double[] z64; // float32 with a fusable last layer: its z widened

    public Network(int nin, List<Layer> layers, Rng rng) {
        this.nin = nin;
        this.layers = List.copyOf(layers);
        this.rng = rng;
        this.fusable = layers.isEmpty() || !(layers.get(layers.size() - 1) instanceof Layer.Fusable f) ? null : f;
        for (int i = 0; i < layers.size(); i++) {
            for (Parameter p : layers.get(i).parameters()) named.add(new Named("layers." + i + "." + p.name(), i, p));
            for (Buffer b : layers.get(i).buffers()) buffers.add(new NamedBuffer("layers." + i + "." + b.name(), i, b));
        }
    }

    /** A layer's kind as configs name it, from its class: BatchNorm → batch_norm, Dense → dense. */
    public static String kind(Layer l) {
        return l.getClass().getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    public int nin() {
        return nin;
    }

    public DType dtype() {
        return dtype;
    }

    /** Sets the type the layers compute in; float64 parameters are kept either way. */
    public void dtype(DType t) {
        if (t == dtype) return;
        dtype = t;
        capacity = 0; // buffers of the new type at the next ensure
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
        if (parameters == null) parameters = named.stream().map(Named::p).toList();
        return parameters;
    }

    private List<Parameter> parameters;

    /** The number of trainable values (buffers are not counted). */
    public int parameterCount() {
        int n = 0;
        for (Named p : named) n += p.p().size();
        return n;
    }

    /** Every layer's buffers (non-trainable state), in checkpoint order: layer by layer, each layer's own order. */
    public List<NamedBuffer> buffers() {
        return buffers;
    }

    /** The number of buffer values. */
    public int bufferCount() {
        int n = 0;
        for (NamedBuffer b : buffers) n += b.b().size();
        return n;
    }

    /** Every buffer value, concatenated in checkpoint order (a copy). */
    public double[] flatBuffers() {
        double[] out = new double[bufferCount()];
        int o = 0;
        for (NamedBuffer b : buffers) {
            System.arraycopy(b.b().data(), 0, out, o, b.b().size());
            o += b.b().size();
        }
        return out;
    }

    /** Sets every buffer value from a concatenation in checkpoint order. */
    public void setFlatBuffers(double[] values) {
        int o = 0;
        for (NamedBuffer b : buffers) {
            System.arraycopy(values, o, b.b().data(), 0, b.b().size());
            o += b.b().size();
        }
    }

    /** Makes room for batches of n samples. */
    public void ensure(int n) {
        if (n <= capacity) return;
        int last = layers.size() - 1;
        outs = new double[layers.size()][];
        grads = new double[layers.size()][];
        boolean f32 = dtype == DType.FLOAT32;
        outs32 = f32 ? new float[layers.size()][] : null;
        grads32 = f32 ? new float[layers.size()][] : null;
        input32 = f32 ? new float[n * nin] : null;
        z64 = f32 && fusable != null ? new double[n * nout()] : null;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            l.allocate(n);
            if (!f32 || i == last) { // float32 keeps float64 buffers only at its output edge
                outs[i] = new double[n * l.nout()];
                grads[i] = new double[n * l.nout()];
            }
            if (f32) {
                outs32[i] = new float[n * l.nout()];
                grads32[i] = new float[n * l.nout()];
            }
        }
        capacity = n;
    }

    /**
     * The network's output for n samples x (n × nin, not modified). The returned array is a buffer of the network
     * (n × nout valid values), overwritten by the next forward.
     */
    public double[] forward(double[] x, int n, boolean training) {
        ensure(n);
        if (dtype == DType.FLOAT32) return forward32(x, n, training);
        input = x;
        double[] in = x;
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).forward(in, outs[i], n, training);
            in = outs[i];
        }
        return in;
    }

    private double[] forward32(double[] x, int n, boolean training) {
        for (int i = 0; i < named.size(); i++) named.get(i).p().narrow(); // indexed: no iterator a step
        for (int i = 0; i < n * nin; i++) input32[i] = (float) x[i];
        float[] in = input32;
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).forward(in, outs32[i], n, training);
            in = outs32[i];
        }
        double[] y = outs[layers.size() - 1];
        for (int i = 0; i < n * nout(); i++) y[i] = in[i];
        return y;
    }

    /** The buffer for ∂L/∂output (n × nout) that {@link #backward(int)} reads; fill it after forward. */
    public double[] outputGrad() {
        return grads[layers.size() - 1];
    }

    /** Adds ∂L/∂θ to every parameter's grad, from {@link #outputGrad()} and the last forward of n samples. */
    public void backward(int n) {
        backward(n, false);
    }

    /**
     * The name of the output activation a loss may fuse with ({@link nn.core.spi.Loss#fusedWith}): the last layer's,
     * when that layer exposes its pre-activation ({@link Layer.Fusable}); null otherwise.
     */
    public String fusableActivation() {
        return fusable == null ? null : fusable.activationName();
    }

    /**
     * The last layer's pre-activation z of the last forward of n samples (n × nout valid values), with output = f(z);
     * in float32 the layer's float z, widened exactly. A buffer of the network, not to be modified. Only when
     * {@link #fusableActivation()} is not null.
     */
    public double[] preActivation(int n) {
        if (dtype == DType.FLOAT64) return fusable.z();
        float[] z = fusable.z32();
        for (int i = 0; i < n * nout(); i++) z64[i] = z[i];
        return z64;
    }

    /**
     * {@link #backward(int)} with {@link #outputGrad()} holding ∂L/∂z, z the last layer's pre-activation
     * ({@link #preActivation(int)}), in place of ∂L/∂output: the output activation itself is not differentiated.
     */
    public void backwardFromPreActivation(int n) {
        backward(n, true);
    }

    private void backward(int n, boolean fromZ) {
        if (dtype == DType.FLOAT32) {
            backward32(n, fromZ);
            return;
        }
        int last = layers.size() - 1;
        for (int i = last; i >= 0; i--) {
            double[] x = i == 0 ? input : outs[i - 1];
            double[] dx = i == 0 ? null : grads[i - 1];
            if (fromZ && i == last) fusable.backwardFromZ(x, grads[i], dx, n);
            else layers.get(i).backward(x, outs[i], grads[i], dx, n);
        }
    }

    private void backward32(int n, boolean fromZ) {
        int last = layers.size() - 1;
        double[] dy = grads[last];
        float[] dy32 = grads32[last];
        for (int i = 0; i < n * nout(); i++) dy32[i] = (float) dy[i];
        for (int i = last; i >= 0; i--) {
            float[] x = i == 0 ? input32 : outs32[i - 1];
            float[] dx = i == 0 ? null : grads32[i - 1];
            if (fromZ && i == last) fusable.backwardFromZ(x, grads32[i], dx, n);
            else layers.get(i).backward(x, outs32[i], grads32[i], dx, n);
        }
        for (int i = 0; i < named.size(); i++) named.get(i).p().widenGrad();
    }

    public void zeroGrad() {
        for (int i = 0; i < named.size(); i++) named.get(i).p().zeroGrad();
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
