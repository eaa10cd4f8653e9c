package nn.plugins.activation;

import nn.core.spi.Activation;
import nn.core.spi.ActivationProvider;
import nn.core.spi.Params;

/** f(x) = max(0, x); f'(0) = 0 as in PyTorch */
public final class ReluProvider implements ActivationProvider {
    @Override
    public String name() {
        return "relu";
    }

    @Override
    public String doc() {
        return "f(x) = max(0, x); f'(0) = 0 as in PyTorch";
    }

    @Override
    public Activation create(Params p) {
        return new Relu();
    }

    record Relu() implements Activation {
        /** out[i] = f(z[i]). z not modified. */
        @Override
        public void forward(double[] z, double[] out, int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) {
                double x = z[i];
                out[i] = x > 0 ? x : 0.0;
            }
        }

        /** dz[i] = dout[i] · f'(z[i]). */
        @Override
        public void backward(double[] z, double[] out, double[] dout, double[] dz, int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) {
                double x = z[i];
                dz[i] = dout[i] * (x > 0 ? 1.0 : 0.0);
            }
        }
    }
}
