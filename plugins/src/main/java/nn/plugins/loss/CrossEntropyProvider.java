package nn.plugins.loss;

import nn.core.spi.Loss;
import nn.core.spi.LossProvider;
import nn.core.spi.Params;

/**
 * Cross-entropy on probabilities (use after softmax): L = −(1/B) Σ_b Σ_j t_bj · log(y_bj), mean over the batch of
 * B rows; t one-hot or a probability row. Equals PyTorch's CrossEntropyLoss on the logits (NLLLoss of log-softmax),
 * and with probability targets, CrossEntropyLoss with class-probability targets.
 */
public final class CrossEntropyProvider implements LossProvider {
    @Override
    public String name() {
        return "cross_entropy";
    }

    @Override
    public String doc() {
        return "L = -(1/B) Σ_b Σ_j t_bj·log(y_bj), mean over the batch; y = softmax probabilities, t one-hot or probabilities";
    }

    @Override
    public boolean classification() {
        return true;
    }

    @Override
    public Loss create(Params p) {
        return new CrossEntropy();
    }

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
    }
}
