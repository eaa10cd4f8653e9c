package nn.core.checkpoint;

import java.util.List;
import java.util.Map;
import nn.core.spi.Activation;
import nn.core.spi.ActivationProvider;
import nn.core.spi.Layer;
import nn.core.spi.LayerProvider;
import nn.core.spi.LayerSpec;
import nn.core.spi.Loss;
import nn.core.spi.LossProvider;
import nn.core.spi.Optimizer;
import nn.core.spi.OptimizerProvider;
import nn.core.spi.OptimizerState;
import nn.core.spi.Param;
import nn.core.spi.Parameter;
import nn.core.spi.Params;
import nn.core.train.Plugins;

/**
 * Just enough providers, registered by hand, for core's tests to train and checkpoint a real network (the plugins
 * module depends on core, so its providers are out of reach here): a dense layer, identity and tanh, mean squared
 * error (also as a classification loss on one-hot targets) and SGD with a momentum buffer, so that the optimizer has
 * state to checkpoint. Plain loops: correctness, not speed.
 */
final class TinyPlugins {
    private TinyPlugins() {}

    static Plugins plugins() {
        Plugins p = Plugins.empty();
        p.layers.register(new DenseProvider());
        p.activations.register(new Elementwise("identity", "f(z) = z"));
        p.activations.register(new Elementwise("tanh", "f(z) = tanh(z)"));
        p.losses.register(new MseProvider("mse", false));
        p.losses.register(new MseProvider("one_hot_mse", true));
        p.optimizers.register(new SgdProvider());
        return p;
    }

    /** z = x·Wᵀ + b, out = f(z). */
    static final class DenseProvider implements LayerProvider {
        @Override public String name() { return "dense"; }
        @Override public String doc() { return "out = f(x·Wᵀ + b)"; }
        @Override public List<Param> params() {
            return List.of(Param.requiredInteger("units", "outputs"), Param.spec("activation", "identity", "f"),
                    Param.spec("weights", "0.1", "W (give a number)"), Param.spec("bias", "0.0", "b (give a number)"));
        }

        @Override public Layer create(LayerSpec spec) {
            int units = (int) spec.params().integer("units", 1, 1000);
            Activation f = spec.activation("activation", "identity");
            Parameter w = new Parameter("weight", units, spec.nin()), b = new Parameter("bias", units);
            spec.initialize("weights", w, spec.nin(), units, "0.1");
            spec.initialize("bias", b, spec.nin(), units, "0.0");
            return new Dense(spec.nin(), units, f, w, b);
        }
    }

    static final class Dense implements Layer {
        private final int nin, nout;
        private final Activation f;
        private final Parameter w, b;
        private double[] z = new double[0];

        Dense(int nin, int nout, Activation f, Parameter w, Parameter b) {
            this.nin = nin;
            this.nout = nout;
            this.f = f;
            this.w = w;
            this.b = b;
        }

        @Override public int nin() { return nin; }
        @Override public int nout() { return nout; }
        @Override public List<Parameter> parameters() { return List.of(w, b); }
        @Override public void allocate(int maxBatch) { z = new double[maxBatch * nout]; }

        @Override public void forward(double[] x, double[] out, int n, boolean training) {
            for (int r = 0; r < n; r++) {
                for (int o = 0; o < nout; o++) {
                    double s = b.data()[o];
                    for (int i = 0; i < nin; i++) s += x[r * nin + i] * w.data()[o * nin + i];
                    z[r * nout + o] = s;
                }
            }
            f.forward(z, out, n, nout);
        }

        @Override public void backward(double[] x, double[] out, double[] dout, double[] dx, int n) {
            double[] dz = new double[n * nout];
            f.backward(z, out, dout, dz, n, nout);
            if (dx != null) java.util.Arrays.fill(dx, 0, n * nin, 0.0);
            for (int r = 0; r < n; r++) {
                for (int o = 0; o < nout; o++) {
                    double g = dz[r * nout + o];
                    b.grad()[o] += g;
                    for (int i = 0; i < nin; i++) {
                        w.grad()[o * nin + i] += g * x[r * nin + i];
                        if (dx != null) dx[r * nin + i] += g * w.data()[o * nin + i];
                    }
                }
            }
        }
    }

    record Elementwise(String name, String doc) implements ActivationProvider {
        @Override public Activation create(Params p) {
            boolean tanh = name.equals("tanh");
            return new Activation() {
                @Override public void forward(double[] z, double[] out, int rows, int cols) {
                    for (int i = 0; i < rows * cols; i++) out[i] = tanh ? Math.tanh(z[i]) : z[i];
                }

                @Override public void backward(double[] z, double[] out, double[] dout, double[] dz, int rows, int cols) {
                    for (int i = 0; i < rows * cols; i++) dz[i] = dout[i] * (tanh ? 1 - out[i] * out[i] : 1);
                }
            };
        }
    }

    /** mean((y − t)²) over all elements. */
    record MseProvider(String name, boolean classification) implements LossProvider {
        @Override public String doc() { return "mean((y - t)^2)"; }

        @Override public Loss create(Params p) {
            return new Loss() {
                @Override public double value(double[] y, double[] t, int rows, int cols) {
                    double s = 0;
                    for (int i = 0; i < rows * cols; i++) s += (y[i] - t[i]) * (y[i] - t[i]);
                    return s / (rows * cols);
                }

                @Override public void gradient(double[] y, double[] t, double[] dy, int rows, int cols) {
                    for (int i = 0; i < rows * cols; i++) dy[i] = 2 * (y[i] - t[i]) / (rows * cols);
                }
            };
        }
    }

    /** b = μb + g, θ −= lr·b; state: step and one momentum buffer per parameter. */
    static final class SgdProvider implements OptimizerProvider {
        @Override public String name() { return "sgd"; }
        @Override public String doc() { return "θ -= lr·b, b = μb + ∇θ"; }
        @Override public List<Param> params() {
            return List.of(Param.real("learning_rate", 0.1, "lr"), Param.real("momentum", 0.0, "μ"));
        }

        @Override public Optimizer create(Params p, List<Parameter> params) {
            double lr = p.real("learning_rate", 0, 10), mu = p.real("momentum", 0, 1);
            OptimizerState state = new OptimizerState(params, List.of("momentum_buffer"));
            return new Optimizer() {
                @Override public double learningRate() { return lr; }
                @Override public Map<String, double[]> state() { return state.map(); }

                @Override public void step(double rate) {
                    double[][] buf = state.slot("momentum_buffer");
                    for (int k = 0; k < params.size(); k++) {
                        Parameter q = params.get(k);
                        for (int i = 0; i < q.size(); i++) {
                            buf[k][i] = mu * buf[k][i] + q.grad()[i];
                            q.data()[i] -= rate * buf[k][i];
                        }
                    }
                    state.step()[0]++;
                }
            };
        }
    }
}
