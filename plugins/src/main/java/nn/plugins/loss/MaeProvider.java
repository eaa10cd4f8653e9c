package nn.plugins.loss;

import nn.core.spi.Loss;
import nn.core.spi.LossProvider;
import nn.core.spi.Params;

/** Mean absolute error, PyTorch's L1Loss (reduction='mean'): L = (1/N) Σ_i |y_i − t_i|. */
public final class MaeProvider implements LossProvider {
    @Override
    public String name() {
        return "mae";
    }

    @Override
    public String doc() {
        return "L = (1/N) Σ |y - t|, mean over all N elements (torch.nn.L1Loss); gradient sign(y - t)/N, 0 at y = t";
    }

    @Override
    public Loss create(Params p) {
        return new Mae();
    }

    record Mae() implements Loss {
        @Override
        public double value(double[] y, double[] t, int rows, int cols) {
            int n = rows * cols;
            double s = 0;
            for (int i = 0; i < n; i++) s += Math.abs(y[i] - t[i]);
            return s / n;
        }

        /** dy_i = sign(y_i − t_i)/N (0 where equal, as PyTorch). */
        @Override
        public void gradient(double[] y, double[] t, double[] dy, int rows, int cols) {
            int n = rows * cols;
            for (int i = 0; i < n; i++) dy[i] = Math.signum(y[i] - t[i]) / n;
        }
    }
}
