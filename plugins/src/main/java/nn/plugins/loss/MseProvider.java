package nn.plugins.loss;

import nn.core.spi.Loss;
import nn.core.spi.LossProvider;
import nn.core.spi.Params;

/** Mean squared error, PyTorch's MSELoss (reduction='mean'): L = (1/N) Σ_i (y_i − t_i)², N = rows·cols. */
public final class MseProvider implements LossProvider {
    @Override
    public String name() {
        return "mse";
    }

    @Override
    public String doc() {
        return "L = (1/N) Σ (y - t)², mean over all N elements (torch.nn.MSELoss)";
    }

    @Override
    public Loss create(Params p) {
        return new Mse();
    }

    record Mse() implements Loss {
        @Override
        public double value(double[] y, double[] t, int rows, int cols) {
            int n = rows * cols;
            double s = 0;
            for (int i = 0; i < n; i++) {
                double e = y[i] - t[i];
                s += e * e;
            }
            return s / n;
        }

        /** dy_i = 2(y_i − t_i)/N. */
        @Override
        public void gradient(double[] y, double[] t, double[] dy, int rows, int cols) {
            int n = rows * cols;
            double k = 2.0 / n;
            for (int i = 0; i < n; i++) dy[i] = k * (y[i] - t[i]);
        }
    }
}
