package nn.plugins.activation;

import nn.core.spi.Activation;
import nn.core.spi.ActivationProvider;
import nn.core.spi.Params;

/** Softmax over each row: f(z)_j = exp(z_j − max z) / Σ_k exp(z_k − max z). */
public final class SoftmaxProvider implements ActivationProvider {
    @Override
    public String name() {
        return "softmax";
    }

    @Override
    public String doc() {
        return "f(z)_j = exp(z_j) / Σ_k exp(z_k), per sample (row)";
    }

    @Override
    public Activation create(Params p) {
        return new Softmax();
    }

    record Softmax() implements Activation {
        /** Each row r: out[r,j] = exp(z[r,j] − m) / Σ_k exp(z[r,k] − m), m = max_k z[r,k]. z not modified. */
        @Override
        public void forward(double[] z, double[] out, int rows, int cols) {
            for (int r = 0; r < rows; r++) {
                int o = r * cols;
                double m = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < cols; j++) m = Math.max(m, z[o + j]);
                double s = 0;
                for (int j = 0; j < cols; j++) {
                    out[o + j] = Math.exp(z[o + j] - m);
                    s += out[o + j];
                }
                double inv = 1.0 / s;
                for (int j = 0; j < cols; j++) out[o + j] *= inv;
            }
        }

        /** Each row: dz_j = y_j · (dout_j − Σ_k dout_k·y_k), the Jacobian-vector product of softmax. */
        @Override
        public void backward(double[] z, double[] out, double[] dout, double[] dz, int rows, int cols) {
            for (int r = 0; r < rows; r++) {
                int o = r * cols;
                double dot = 0;
                for (int j = 0; j < cols; j++) dot += dout[o + j] * out[o + j];
                for (int j = 0; j < cols; j++) dz[o + j] = out[o + j] * (dout[o + j] - dot);
            }
        }
    }
}
