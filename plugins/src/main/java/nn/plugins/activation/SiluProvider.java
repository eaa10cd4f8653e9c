package nn.plugins.activation;

import nn.core.spi.Activation;
import nn.core.spi.ActivationProvider;
import nn.core.spi.Params;

/** f(x) = x · sigmoid(x) */
public final class SiluProvider implements ActivationProvider {
    @Override
    public String name() {
        return "silu";
    }

    @Override
    public String doc() {
        return "f(x) = x · sigmoid(x)";
    }

    @Override
    public Activation create(Params p) {
        return new Silu();
    }

    record Silu() implements Activation {
        private static double sig(double x) {
            return 1.0 / (1.0 + Math.exp(-x));
        }

        /** out[i] = f(z[i]). z not modified. */
        @Override
        public void forward(double[] z, double[] out, int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) {
                double x = z[i];
                out[i] = x / (1.0 + Math.exp(-x));
            }
        }

        /** dz[i] = dout[i] · f'(z[i]). */
        @Override
        public void backward(double[] z, double[] out, double[] dout, double[] dz, int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) {
                double x = z[i];
                dz[i] = dout[i] * (sig(x) * (1.0 + x * (1.0 - sig(x))));
            }
        }
    }
}
