package nn.plugins.activation;

import nn.core.spi.Activation;
import nn.core.spi.ActivationProvider;
import nn.core.spi.Params;

/** f(x) = x */
public final class IdentityProvider implements ActivationProvider {
    @Override
    public String name() {
        return "identity";
    }

    @Override
    public String doc() {
        return "f(x) = x";
    }

    @Override
    public Activation create(Params p) {
        return new Identity();
    }

    record Identity() implements Activation {
        /** out[i] = f(z[i]). z not modified. */
        @Override
        public void forward(double[] z, double[] out, int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) {
                double x = z[i];
                out[i] = x;
            }
        }

        /** dz[i] = dout[i] · f'(z[i]). */
        @Override
        public void backward(double[] z, double[] out, double[] dout, double[] dz, int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) {
                dz[i] = dout[i];
            }
        }
    }
}
