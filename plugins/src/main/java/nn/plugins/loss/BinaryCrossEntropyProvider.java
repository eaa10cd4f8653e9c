package nn.plugins.loss;

import nn.core.spi.Loss;
import nn.core.spi.LossProvider;
import nn.core.spi.Params;

/**
 * Binary cross-entropy on probabilities, PyTorch's BCELoss (reduction='mean'):
 * L = −(1/N) Σ_i [t_i·log(y_i) + (1 − t_i)·log(1 − y_i)], each log clamped at −100 as PyTorch does. After sigmoid
 * it is computed on the logits z as PyTorch's BCEWithLogitsLoss computes it,
 * L = (1/N) Σ_i [max(z_i, 0) − z_i·t_i + log(1 + e^(−|z_i|))], finite and unclamped for any finite z.
 */
public final class BinaryCrossEntropyProvider implements LossProvider {
    @Override
    public String name() {
        return "binary_cross_entropy";
    }

    @Override
    public String doc() {
        return "L = -(1/N) Σ [t·log(y) + (1-t)·log(1-y)], mean over all N elements, logs clamped at -100 (torch.nn.BCELoss);"
                + " after sigmoid computed on the logits z as (1/N) Σ [max(z,0) - z·t + log(1 + e^-|z|)] (torch.nn.BCEWithLogitsLoss)";
    }

    @Override
    public boolean classification() {
        return true;
    }

    /** Probabilities in (0, 1): a sigmoid output (or softmax over 2 or more units, one-hot targets). */
    @Override
    public String wrongOutput(String activation, int units) {
        if ("sigmoid".equals(activation) || "softmax".equals(activation) && units >= 2) return null;
        return "needs a sigmoid output layer, whose outputs are probabilities (for several exclusive classes: cross_entropy on softmax)";
    }

    @Override
    public Loss create(Params p) {
        return new BinaryCrossEntropy();
    }

    /** On probabilities y. */
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

        @Override
        public Loss fusedWith(String activation) {
            return "sigmoid".equals(activation) ? new WithLogits() : null;
        }
    }

    /**
     * Sigmoid and binary cross-entropy as one loss of the logits z, PyTorch's BCEWithLogitsLoss (reduction='mean'):
     * −[t·log σ(z) + (1 − t)·log(1 − σ(z))] = max(z, 0) − z·t + log(1 + e^(−|z|)), in which no exponential overflows
     * and no log of 0 is taken.
     */
    record WithLogits() implements Loss {
        /** L = (1/N) Σ_i [max(z_i, 0) − z_i·t_i + log1p(e^(−|z_i|))]. z and t not modified. */
        @Override
        public double value(double[] z, double[] t, int rows, int cols) {
            int n = rows * cols;
            double s = 0;
            for (int i = 0; i < n; i++) s += Math.max(z[i], 0.0) - z[i] * t[i] + Math.log1p(Math.exp(-Math.abs(z[i])));
            return s / n;
        }

        /** dz_i = (σ(z_i) − t_i)/N, σ computed without overflow on either side. z and t not modified; dz modified. */
        @Override
        public void gradient(double[] z, double[] t, double[] dz, int rows, int cols) {
            int n = rows * cols;
            for (int i = 0; i < n; i++) {
                double e = Math.exp(-Math.abs(z[i])), sigma = z[i] >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
                dz[i] = (sigma - t[i]) / n;
            }
        }
    }
}
