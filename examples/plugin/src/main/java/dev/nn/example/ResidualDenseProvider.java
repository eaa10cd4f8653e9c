package dev.nn.example;

import java.util.List;
import nn.core.spi.Activation;
import nn.core.spi.Buffer;
import nn.core.spi.Layer;
import nn.core.spi.LayerProvider;
import nn.core.spi.LayerSpec;
import nn.core.spi.Param;
import nn.core.spi.Parameter;
import nn.core.tensor.Kernels;

/**
 * A residual block (He et al. 2016) of one dense layer: y = x + f(x·Wᵀ + b), W width × width, so that its output is
 * as wide as its input (nin = nout). Its parameters are {@code weight} and {@code bias}, initialised as
 * {@code dense}'s are; its state of its own is the buffer {@code output_norm}, a running mean of ‖y‖₂ per sample
 * over training batches, which does not change what the layer computes: it is there to be saved in checkpoints,
 * restored on {@code --resume} and shown by {@code nn inspect}.
 * YAML: {@code {type: residual_dense, activation: swish, momentum: 0.1}}.
 */
public final class ResidualDenseProvider implements LayerProvider {
    @Override
    public String name() {
        return "residual_dense";
    }

    @Override
    public String doc() {
        return "y = x + f(x·Wᵀ + b), W width × width; buffer output_norm, the running mean of ‖y‖₂ while training";
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.spec("activation", "relu", "the activation f: a name or {type: name, ...}"),
                Param.spec("weights", "torch_default", "a constant, a width×width matrix, or an initializer {init: name, ...}"),
                Param.spec("bias", "torch_default", "a constant, a list of width numbers, an initializer, or false for none"),
                Param.real("momentum", 0.1, "weight of each training batch in output_norm, in [0, 1]"));
    }

    @Override
    public Layer create(LayerSpec spec) {
        int width = spec.nin();
        double momentum = spec.params().real("momentum", 0.0, 1.0);
        Activation f = spec.activation("activation", "relu");
        Parameter w = new Parameter("weight", width, width);
        spec.initialize("weights", w, width, width, "torch_default");
        Parameter b = new Parameter("bias", width);
        boolean hasBias = spec.initialize("bias", b, width, width, "torch_default");
        return new ResidualDense(width, f, w, hasBias ? b : null, momentum);
    }

    /**
     * The layer. Per batch of n rows: z = x·Wᵀ + b and a = f(z) are kept for backward (n × width each, made by
     * {@link #allocate}); forward and backward allocate nothing.
     */
    static final class ResidualDense implements Layer {
        private final int width;
        private final Activation f;
        private final Parameter w, b; // b null without bias
        private final List<Parameter> params;
        private final double momentum;
        private final Buffer outputNorm = new Buffer("output_norm", 0.0, 1);
        private final List<Buffer> buffers = List.of(outputNorm);
        private double[] z = new double[0], a = new double[0], dz = new double[0];

        ResidualDense(int width, Activation f, Parameter w, Parameter b, double momentum) {
            this.width = width;
            this.f = f;
            this.w = w;
            this.b = b;
            this.params = b == null ? List.of(w) : List.of(w, b);
            this.momentum = momentum;
        }

        @Override
        public int nin() {
            return width;
        }

        @Override
        public int nout() {
            return width;
        }

        @Override
        public List<Parameter> parameters() {
            return params;
        }

        @Override
        public List<Buffer> buffers() {
            return buffers;
        }

        // activationName() and activation() stay null: the output is x + f(z), not f(z), so no loss may be fused with
        // f here, and `nn grad --explain` treats the block as a layer that keeps the width.

        @Override
        public void allocate(int maxBatch) {
            int need = maxBatch * width;
            if (z.length < need) {
                z = new double[need];
                a = new double[need];
                dz = new double[need];
            }
        }

        /**
         * z = x·Wᵀ + b; a = f(z); out = x + a. While training, output_norm ← (1 − momentum)·output_norm +
         * momentum·(1/n)·Σ_r ‖out_r‖₂. x not modified; out, z, a modified; output_norm modified only while training.
         */
        @Override
        public void forward(double[] x, double[] out, int n, boolean training) {
            Kernels.linear(x, w.data(), b == null ? null : b.data(), z, n, width, width);
            f.forward(z, a, n, width);
            for (int i = 0, m = n * width; i < m; i++) out[i] = x[i] + a[i];
            if (training) {
                double sum = 0;
                for (int r = 0; r < n; r++) {
                    double sq = 0;
                    for (int j = r * width, end = j + width; j < end; j++) sq += out[j] * out[j];
                    sum += Math.sqrt(sq);
                }
                double[] norm = outputNorm.data();
                norm[0] = (1 - momentum) * norm[0] + momentum * (sum / n);
            }
        }

        /**
         * dz = f'(z)ᵀ·dout; dW += dzᵀ·x; db += Σ_rows dz; dx = dout + dz·W (the skip path adds dout unchanged).
         * x, out, dout not modified; the parameters' grad and dx (when not null) modified.
         */
        @Override
        public void backward(double[] x, double[] out, double[] dout, double[] dx, int n) {
            f.backward(z, a, dout, dz, n, width);
            Kernels.linearBackward(x, w.data(), dz, w.grad(), b == null ? null : b.grad(), dx, n, width, width);
            if (dx != null) for (int i = 0, m = n * width; i < m; i++) dx[i] += dout[i];
        }

        @Override
        public String toString() {
            return "residual_dense(width=" + width + ", activation=" + f + ", bias=" + (b != null) + ", momentum=" + momentum + ")";
        }
    }
}
