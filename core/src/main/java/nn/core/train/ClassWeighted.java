package nn.core.train;

import nn.core.spi.Loss;

/**
 * A class-label loss with a weight per class, as PyTorch's {@code CrossEntropyLoss(weight=w)} with class-index targets:
 * the weighted mean L = Σ_b w_{c_b}·ℓ_b / Σ_b w_{c_b}, c_b the class of row b and ℓ_b its unweighted loss. For
 * cross-entropy, which is linear in the one-hot target t, that is inner(y, t⊙w) / ((1/B) Σ_b Σ_j w_j t_bj), and the
 * gradient scales the same way, fused with the output activation or not. The scratch for t⊙w grows to the largest
 * batch seen and is then reused.
 */
final class ClassWeighted implements Loss {
    private final Loss inner;
    private final double[] w;
    private double[] tw = new double[0];

    /** @param w one weight per output, in output (class) order */
    ClassWeighted(Loss inner, double[] w) {
        this.inner = inner;
        this.w = w;
    }

    /** tw = t ⊙ w (row by row); returns (1/rows) Σ tw, the mean weight of the rows' classes. */
    private double weigh(double[] t, int rows, int cols) {
        if (tw.length < rows * cols) tw = new double[rows * cols];
        double s = 0;
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                double v = t[r * cols + j] * w[j];
                tw[r * cols + j] = v;
                s += v;
            }
        }
        return s / rows;
    }

    @Override
    public double value(double[] y, double[] t, int rows, int cols) {
        double s = weigh(t, rows, cols);
        return inner.value(y, tw, rows, cols) / s;
    }

    @Override
    public void gradient(double[] y, double[] t, double[] dy, int rows, int cols) {
        double s = weigh(t, rows, cols);
        inner.gradient(y, tw, dy, rows, cols);
        for (int i = 0; i < rows * cols; i++) dy[i] /= s;
    }

    /** Σ_b w_{c_b}: the weighted mean's denominator. */
    @Override
    public double weight(double[] t, int rows, int cols) {
        double s = 0;
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) s += t[r * cols + j] * w[j];
        }
        return s;
    }

    @Override
    public Loss fusedWith(String activation) {
        Loss f = inner.fusedWith(activation);
        return f == null ? null : new ClassWeighted(f, w);
    }
}
