package nn.plugins.layer;

import java.util.ArrayList;
import java.util.List;
import nn.core.spi.Activation;
import nn.core.spi.Layer;
import nn.core.spi.LayerProvider;
import nn.core.spi.LayerSpec;
import nn.core.spi.Param;
import nn.core.spi.Parameter;
import nn.core.tensor.FloatKernels;
import nn.core.tensor.Kernels;

/**
 * Fully connected layer with an activation: z = x·Wᵀ + b, a = f(z); W is units × inputs as in PyTorch's
 * {@code nn.Linear.weight}. YAML: {@code {type: dense, units: 4, activation: tanh, weights: ..., bias: ...}}.
 */
public final class DenseProvider implements LayerProvider {
    @Override
    public String name() {
        return "dense";
    }

    @Override
    public String doc() {
        return "a = f(x·Wᵀ + b), W units × inputs (torch.nn.Linear followed by the activation)";
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.requiredInteger("units", "number of output units"),
                Param.spec("activation", "identity", "activation name or {type: name, ...}"),
                Param.spec("weights", "torch_default", "a constant, a units×inputs matrix, or an initializer {init: name, ...}"),
                Param.spec("bias", "torch_default", "a constant, a list of units numbers, an initializer, or false for none"));
    }

    @Override
    public Layer create(LayerSpec spec) {
        int units = (int) spec.params().integer("units", 1, Integer.MAX_VALUE);
        int nin = spec.nin();
        Activation f = spec.activation("activation", "identity");
        Parameter w = new Parameter("weight", units, nin);
        spec.initialize("weights", w, nin, units, "torch_default");
        Parameter b = new Parameter("bias", units);
        boolean hasBias = spec.initialize("bias", b, nin, units, "torch_default");
        return new Dense(nin, units, f, spec.activationName("activation"), w, hasBias ? b : null);
    }

    static final class Dense implements Layer.Fusable {
        private final int nin, nout;
        private final Activation f;
        private final String activationName;
        private final Parameter w, b;
        private final List<Parameter> params = new ArrayList<>();
        private double[] z = new double[0];
        private float[] z32 = new float[0];

        Dense(int nin, int nout, Activation f, String activationName, Parameter w, Parameter b) {
            this.nin = nin;
            this.nout = nout;
            this.f = f;
            this.activationName = activationName;
            this.w = w;
            this.b = b;
            params.add(w);
            if (b != null) params.add(b);
        }

        @Override
        public int nin() {
            return nin;
        }

        @Override
        public int nout() {
            return nout;
        }

        @Override
        public List<Parameter> parameters() {
            return params;
        }

        @Override
        public String activationName() {
            return activationName;
        }

        @Override
        public Activation activation() {
            return f;
        }

        @Override
        public void allocate(int maxBatch) {
            if (z.length < maxBatch * nout) z = new double[maxBatch * nout];
        }

        /** z = x·Wᵀ + b (kept for backward); out = f(z). */
        @Override
        public void forward(double[] x, double[] out, int n, boolean training) {
            Kernels.linear(x, w.data(), b == null ? null : b.data(), z, n, nin, nout);
            f.forward(z, out, n, nout);
        }

        /** dz = f'(z)ᵀ·dout (in place); dW += dzᵀ·x; db += Σ dz; dx = dz·W. */
        @Override
        public void backward(double[] x, double[] out, double[] dout, double[] dx, int n) {
            f.backward(z, out, dout, dout, n, nout);
            backwardFromZ(x, dout, dx, n);
        }

        @Override
        public double[] z() {
            return z;
        }

        @Override
        public float[] z32() {
            return z32;
        }

        /** dW += dzᵀ·x; db += Σ dz; dx = dz·W: the backward from dz on, for a loss fused with f. */
        @Override
        public void backwardFromZ(double[] x, double[] dz, double[] dx, int n) {
            Kernels.linearBackward(x, w.data(), dz, w.grad(), b == null ? null : b.grad(), dx, n, nin, nout);
        }

        /** The float32 twin of the forward: the same products on FloatKernels, the activation's float32 path. */
        @Override
        public void forward(float[] x, float[] out, int n, boolean training) {
            if (z32.length < n * nout) z32 = new float[n * nout];
            FloatKernels.linear(x, w.data32(), b == null ? null : b.data32(), z32, n, nin, nout);
            f.forward(z32, out, n, nout);
        }

        /** The float32 twin of the backward, into the parameters' float32 gradients. */
        @Override
        public void backward(float[] x, float[] out, float[] dout, float[] dx, int n) {
            f.backward(z32, out, dout, dout, n, nout);
            backwardFromZ(x, dout, dx, n);
        }

        /** The float32 twin of the backward from dz. */
        @Override
        public void backwardFromZ(float[] x, float[] dz, float[] dx, int n) {
            FloatKernels.linearBackward(x, w.data32(), dz, w.grad32(), b == null ? null : b.grad32(), dx, n, nin, nout);
        }
    }
}
