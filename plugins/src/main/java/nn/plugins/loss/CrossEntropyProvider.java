package nn.plugins.loss;

import nn.core.spi.Loss;
import nn.core.spi.LossProvider;
import nn.core.spi.Params;

/**
 * Cross-entropy, PyTorch's CrossEntropyLoss: L = −(1/B) Σ_b Σ_j t_bj · log(y_bj), mean over the batch of B rows;
 * t one-hot or a probability row (CrossEntropyLoss with class-probability targets). After softmax it is computed on
 * the logits z as PyTorch computes it, L = −(1/B) Σ_b Σ_j t_bj · log_softmax(z_b)_j, finite for any finite z;
 * after any other activation on the probabilities y.
 */
public final class CrossEntropyProvider implements LossProvider {
    @Override
    public String name() {
        return "cross_entropy";
    }

    @Override
    public String doc() {
        return "L = -(1/B) Σ_b Σ_j t_bj·log(y_bj), mean over the batch; t one-hot or probabilities; after softmax computed on the"
                + " logits z as -(1/B) Σ t·log_softmax(z) (torch.nn.CrossEntropyLoss)";
    }

    @Override
    public boolean classification() {
        return true;
    }

    /**
     * The log of a probability: a softmax output of one unit per class (one unit would always say 1). One output unit,
     * whatever its activation, is the shape of binary_cross_entropy, which is then the pair named.
     */
    @Override
    public String wrongOutput(String activation, int units) {
        if (units < 2) return "needs an output unit per class, 2 or more (for two classes: 2 softmax units, or binary_cross_entropy on 1 sigmoid unit)";
        if (!"softmax".equals(activation)) return "needs a softmax output layer, whose outputs are the class probabilities";
        return null;
    }

    @Override
    public Loss create(Params p) {
        return new CrossEntropy();
    }

    /** On probabilities y. */
    record CrossEntropy() implements Loss {
        @Override
        public double value(double[] y, double[] t, int rows, int cols) {
            double s = 0;
            for (int i = 0, n = rows * cols; i < n; i++) if (t[i] != 0) s -= t[i] * Math.log(y[i]);
            return s / rows;
        }

        /** dy_bj = −t_bj / (B · y_bj) (0 where t_bj = 0). */
        @Override
        public void gradient(double[] y, double[] t, double[] dy, int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) dy[i] = t[i] == 0 ? 0.0 : -t[i] / (rows * y[i]);
        }

        @Override
        public Loss fusedWith(String activation) {
            return "softmax".equals(activation) ? new WithLogSoftmax() : null;
        }
    }

    /**
     * Softmax and cross-entropy as one loss of the logits z: per row, log_softmax(z)_j = z_j − m − log Σ_k e^(z_k − m),
     * m = max_k z_k, so no probability is formed and none underflows to a log of 0.
     */
    record WithLogSoftmax() implements Loss {
        /** L = −(1/B) Σ_b Σ_j t_bj·(z_bj − m_b − log Σ_k e^(z_bk − m_b)). z and t not modified. */
        @Override
        public double value(double[] z, double[] t, int rows, int cols) {
            double s = 0;
            for (int r = 0; r < rows; r++) {
                int o = r * cols;
                double m = max(z, o, cols), lse = Math.log(sumExp(z, o, cols, m));
                for (int j = 0; j < cols; j++) if (t[o + j] != 0) s -= t[o + j] * (z[o + j] - m - lse);
            }
            return s / rows;
        }

        /**
         * dz_bj = (softmax(z_b)_j · Σ_k t_bk − t_bj) / B, the derivative of the value; (softmax(z_b) − t_b)/B for
         * targets that sum to 1, as PyTorch's. z and t not modified; dz modified.
         */
        @Override
        public void gradient(double[] z, double[] t, double[] dz, int rows, int cols) {
            for (int r = 0; r < rows; r++) {
                int o = r * cols;
                double m = max(z, o, cols), inv = 1.0 / sumExp(z, o, cols, m), st = 0;
                for (int j = 0; j < cols; j++) st += t[o + j];
                for (int j = 0; j < cols; j++) dz[o + j] = (Math.exp(z[o + j] - m) * inv * st - t[o + j]) / rows;
            }
        }

        private static double max(double[] z, int o, int cols) {
            double m = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) m = Math.max(m, z[o + j]);
            return m;
        }

        /** Σ_j e^(z_j − m) over one row, at least 1 (the term of the maximum). */
        private static double sumExp(double[] z, int o, int cols, double m) {
            double s = 0;
            for (int j = 0; j < cols; j++) s += Math.exp(z[o + j] - m);
            return s;
        }
    }
}
