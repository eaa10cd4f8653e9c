package nn.plugins.activation;

import java.util.List;
import nn.core.spi.Activation;
import nn.core.spi.ActivationProvider;
import nn.core.spi.Param;
import nn.core.spi.Params;

/** Leaky ReLU: f(x) = x for x > 0, else alpha·x. YAML: {type: leaky_relu, alpha: 0.01}. */
public final class LeakyReluProvider implements ActivationProvider {
    @Override
    public String name() {
        return "leaky_relu";
    }

    @Override
    public String doc() {
        return "f(x) = x for x > 0, else alpha·x";
    }

    @Override
    public List<Param> params() {
        return List.of(Param.real("alpha", 0.01, "slope for x <= 0"));
    }

    @Override
    public Activation create(Params p) {
        return new LeakyRelu(p.real("alpha", 0.0, Double.POSITIVE_INFINITY));
    }

    record LeakyRelu(double alpha) implements Activation {
        /** out[i] = f(z[i]). z not modified. */
        @Override
        public void forward(double[] z, double[] out, int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) out[i] = z[i] > 0 ? z[i] : alpha * z[i];
        }

        /** dz[i] = dout[i] · f'(z[i]). */
        @Override
        public void backward(double[] z, double[] out, double[] dout, double[] dz, int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) dz[i] = dout[i] * (z[i] > 0 ? 1.0 : alpha);
        }
    }
}
