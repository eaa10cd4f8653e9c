package nn.plugins.activation;

import nn.core.spi.Activation;
import nn.core.spi.ActivationProvider;
import nn.core.spi.Params;

/** f(x) = 1 / (1 + exp(-x)) */
public final class SigmoidProvider implements ActivationProvider {
    @Override
    public String name() {
        return "sigmoid";
    }

    @Override
    public String doc() {
        return "f(x) = 1 / (1 + exp(-x))";
    }

    @Override
    public Activation create(Params p) {
        return new Sigmoid();
    }

    record Sigmoid() implements Activation {
        /** out[i] = f(z[i]). z not modified. */
        @Override
        public void forward(double[] z, double[] out, int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) {
                double x = z[i];
                out[i] = x >= 0 ? 1.0 / (1.0 + Math.exp(-x)) : Math.exp(x) / (1.0 + Math.exp(x));
            }
        }

        /** dz[i] = dout[i] · f'(z[i]). */
        @Override
        public void backward(double[] z, double[] out, double[] dout, double[] dz, int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) {
                double y = out[i];
                dz[i] = dout[i] * (y * (1.0 - y));
            }
        }
    }
}
