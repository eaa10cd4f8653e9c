package nn.plugins.activation;

import nn.core.spi.Activation;
import nn.core.spi.ActivationProvider;
import nn.core.spi.Params;

/** GELU, erf form (PyTorch's approximate='none'): f(x) = x·Φ(x) = x/2·(1 + erf(x/√2)). */
public final class GeluProvider implements ActivationProvider {
    @Override
    public String name() {
        return "gelu";
    }

    @Override
    public String doc() {
        return "f(x) = x·Φ(x) = x/2·(1 + erf(x/√2)) (exact erf form)";
    }

    @Override
    public Activation create(Params p) {
        return new Gelu();
    }

    record Gelu() implements Activation {
        private static final double INV_SQRT2 = 0.7071067811865476;
        private static final double INV_SQRT_2PI = 0.3989422804014327;

        /** out[i] = z[i]·Φ(z[i]). z not modified. */
        @Override
        public void forward(double[] z, double[] out, int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) out[i] = 0.5 * z[i] * (1.0 + Erf.erf(z[i] * INV_SQRT2));
        }

        /** dz[i] = dout[i] · (Φ(x) + x·φ(x)). */
        @Override
        public void backward(double[] z, double[] out, double[] dout, double[] dz, int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) {
                double x = z[i];
                double cdf = 0.5 * (1.0 + Erf.erf(x * INV_SQRT2));
                double pdf = INV_SQRT_2PI * Math.exp(-0.5 * x * x);
                dz[i] = dout[i] * (cdf + x * pdf);
            }
        }
    }
}
