package nn.plugins.activation;

import nn.core.spi.Activation;
import nn.core.spi.ActivationProvider;
import nn.core.spi.Params;

/** f(x) = log(1 + exp(x)) (PyTorch's beta = 1; linear above threshold 20) */
public final class SoftplusProvider implements ActivationProvider {
    @Override
    public String name() {
        return "softplus";
    }

    @Override
    public String doc() {
        return "f(x) = log(1 + exp(x)) (PyTorch's beta = 1; linear above threshold 20)";
    }

    @Override
    public Activation create(Params p) {
        return new Softplus();
    }

    record Softplus() implements Activation {
        /** out[i] = f(z[i]). z not modified. */
        @Override
        public void forward(double[] z, double[] out, int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) {
                double x = z[i];
                out[i] = x > 20 ? x : Math.log1p(Math.exp(x));
            }
        }

        /** dz[i] = dout[i] · f'(z[i]). */
        @Override
        public void backward(double[] z, double[] out, double[] dout, double[] dz, int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) {
                double x = z[i];
                dz[i] = dout[i] * (x > 20 ? 1.0 : 1.0 / (1.0 + Math.exp(-x)));
            }
        }
    }
}
