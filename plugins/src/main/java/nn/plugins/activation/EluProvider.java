package nn.plugins.activation;

import java.util.List;
import nn.core.spi.Activation;
import nn.core.spi.ActivationProvider;
import nn.core.spi.Param;
import nn.core.spi.Params;

/** ELU: f(x) = x for x > 0, else alpha·(exp(x) − 1). YAML: {type: elu, alpha: 1.0}. */
public final class EluProvider implements ActivationProvider {
    @Override
    public String name() {
        return "elu";
    }

    @Override
    public String doc() {
        return "f(x) = x for x > 0, else alpha·(exp(x) - 1)";
    }

    @Override
    public List<Param> params() {
        return List.of(Param.real("alpha", 1.0, "scale of the negative part"));
    }

    @Override
    public Activation create(Params p) {
        return new Elu(p.real("alpha", 0.0, Double.POSITIVE_INFINITY));
    }

    record Elu(double alpha) implements Activation {
        /** out[i] = f(z[i]). z not modified. */
        @Override
        public void forward(double[] z, double[] out, int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) out[i] = z[i] > 0 ? z[i] : alpha * Math.expm1(z[i]);
        }

        /** dz[i] = dout[i] · f'(z[i]), f'(x) = 1 for x > 0, else alpha·exp(x). */
        @Override
        public void backward(double[] z, double[] out, double[] dout, double[] dz, int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) dz[i] = dout[i] * (z[i] > 0 ? 1.0 : alpha * Math.exp(z[i]));
        }
    }
}
