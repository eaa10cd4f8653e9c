package nn.plugins.activation;

import nn.core.spi.Activation;
import nn.core.spi.ActivationProvider;
import nn.core.spi.Params;

/** f(x) = tanh(x) */
public final class TanhProvider implements ActivationProvider {
    @Override
    public String name() {
        return "tanh";
    }

    @Override
    public String doc() {
        return "f(x) = tanh(x)";
    }

    @Override
    public Activation create(Params p) {
        return new Tanh();
    }

    record Tanh() implements Activation {
        /** out[i] = f(z[i]). z not modified. */
        @Override
        public void forward(double[] z, double[] out, int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) {
                double x = z[i];
                out[i] = Math.tanh(x);
            }
        }

        /** dz[i] = dout[i] · f'(z[i]). */
        @Override
        public void backward(double[] z, double[] out, double[] dout, double[] dz, int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) {
                double y = out[i];
                dz[i] = dout[i] * (1.0 - y * y);
            }
        }
    }
}
