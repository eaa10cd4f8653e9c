package nn.core.check;

import nn.core.spi.Loss;

/**
 * The loss the network checks end in, L = Σ (y − t)² / (rows·cols), written here rather than taken from a provider,
 * so that a loss plugin under check cannot hide its mistakes in a network check of another kind.
 */
record MeanSquared() implements Loss {
    @Override
    public double value(double[] y, double[] t, int rows, int cols) {
        double s = 0;
        for (int i = 0, n = rows * cols; i < n; i++) s += (y[i] - t[i]) * (y[i] - t[i]);
        return s / (rows * cols);
    }

    /** dy = 2(y − t) / (rows·cols). */
    @Override
    public void gradient(double[] y, double[] t, double[] dy, int rows, int cols) {
        for (int i = 0, n = rows * cols; i < n; i++) dy[i] = 2 * (y[i] - t[i]) / (rows * cols);
    }
}
