package nn.plugins.loss;

import nn.core.spi.Loss;
import nn.core.spi.LossProvider;
import nn.core.spi.Params;

/**
 * Binary cross-entropy on probabilities (use after sigmoid), PyTorch's BCELoss (reduction='mean'):
 * L = −(1/N) Σ_i [t_i·log(y_i) + (1 − t_i)·log(1 − y_i)], each log clamped at −100 as PyTorch does.
 */
public final class BinaryCrossEntropyProvider implements LossProvider {
    @Override
    public String name() {
        return "binary_cross_entropy";
    }

    @Override
    public String doc() {
        return "L = -(1/N) Σ [t·log(y) + (1-t)·log(1-y)], mean over all N elements, logs clamped at -100 (torch.nn.BCELoss)";
    }

    @Override
    public boolean classification() {
        return true;
    }

    @Override
    public Loss create(Params p) {
        return new BinaryCrossEntropy();
    }

    record BinaryCrossEntropy() implements Loss {
        private static final double EPS = 1e-12;

        @Override
        public double value(double[] y, double[] t, int rows, int cols) {
            int n = rows * cols;
            double s = 0;
            for (int i = 0; i < n; i++) {
                double ly = Math.max(Math.log(y[i]), -100.0), l1y = Math.max(Math.log1p(-y[i]), -100.0);
                s -= t[i] * ly + (1.0 - t[i]) * l1y;
            }
            return s / n;
        }

        /** dy_i = (y_i − t_i) / (N · max(y_i(1 − y_i), 1e−12)), PyTorch's BCELoss backward. */
        @Override
        public void gradient(double[] y, double[] t, double[] dy, int rows, int cols) {
            int n = rows * cols;
            for (int i = 0; i < n; i++) dy[i] = (y[i] - t[i]) / (n * Math.max(y[i] * (1.0 - y[i]), EPS));
        }
    }
}
