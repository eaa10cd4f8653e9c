package nn.plugins.layer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nn.core.spi.Layer;
import nn.core.spi.LayerProvider;
import nn.core.spi.LayerSpec;
import nn.core.spi.Param;
import nn.core.spi.Parameter;

/**
 * Layer normalisation over the features of each row, as torch.nn.LayerNorm(features): with μ_r and σ²_r the mean
 * and biased variance of row r, y_rj = γ_j·(x_rj − μ_r)/√(σ²_r + eps) + β_j. The same in training and evaluation; no
 * state. YAML: {@code {type: layer_norm, eps: 1e-5, elementwise_affine: true}}.
 *
 * <p>{@code dtype: float32} runs it through the Layer SPI's float32 fallback: the batch widened to float64, this
 * arithmetic, the output rounded to float32 (a few elementwise passes, cheap beside the dense products around it).
 */
public final class LayerNormProvider implements LayerProvider {
    @Override
    public String name() {
        return "layer_norm";
    }

    @Override
    public String doc() {
        return "y = γ·(x − μ)/√(σ² + eps) + β, μ and σ² over each row's features (torch.nn.LayerNorm)";
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.real("eps", 1e-5, "added to the variance before the square root, > 0"),
                Param.bool("elementwise_affine", true, "learn a scale γ (weight, initially 1) and a shift β (bias, initially 0) per feature"));
    }

    @Override
    public Layer create(LayerSpec spec) {
        double eps = spec.params().realAbove("eps", 0.0, Double.POSITIVE_INFINITY);
        return new LayerNorm(spec.nin(), eps, spec.params().bool("elementwise_affine"));
    }

    /** The layer: x̂ = (x − μ_r)·inv_r, inv_r = 1/√(σ²_r + eps), y = γ·x̂ + β; x̂ and inv kept for backward. */
    static final class LayerNorm implements Layer {
        private final int width;
        private final double eps;
        private final Parameter gamma, beta; // null without elementwise_affine
        private final List<Parameter> params = new ArrayList<>();
        private double[] xhat = new double[0], inv = new double[0];

        LayerNorm(int width, double eps, boolean affine) {
            this.width = width;
            this.eps = eps;
            gamma = affine ? new Parameter("weight", width) : null;
            beta = affine ? new Parameter("bias", width) : null;
            if (affine) {
                Arrays.fill(gamma.data(), 1.0);
                params.add(gamma);
                params.add(beta);
            }
        }

        @Override
        public int nin() {
            return width;
        }

        @Override
        public int nout() {
            return width;
        }

        @Override
        public List<Parameter> parameters() {
            return params;
        }

        @Override
        public void allocate(int maxBatch) {
            if (xhat.length < maxBatch * width) xhat = new double[maxBatch * width];
            if (inv.length < maxBatch) inv = new double[maxBatch];
        }

        /**
         * Per row r: μ = Σ_j x_rj / C, σ² = Σ_j (x_rj − μ)² / C, inv_r = 1/√(σ² + eps), x̂ = (x − μ)·inv_r,
         * out = γ·x̂ + β (C the features). x not modified; out, x̂, inv modified.
         */
        @Override
        public void forward(double[] x, double[] out, int n, boolean training) {
            double[] g = gamma == null ? null : gamma.data(), b = beta == null ? null : beta.data();
            for (int r = 0; r < n; r++) {
                int o = r * width;
                double mu = 0;
                for (int j = 0; j < width; j++) mu += x[o + j];
                mu /= width;
                double ss = 0;
                for (int j = 0; j < width; j++) {
                    double d = x[o + j] - mu;
                    ss += d * d;
                }
                double k = 1.0 / Math.sqrt(ss / width + eps);
                inv[r] = k;
                for (int j = 0; j < width; j++) xhat[o + j] = (x[o + j] - mu) * k;
                if (g == null) System.arraycopy(xhat, o, out, o, width);
                else for (int j = 0; j < width; j++) out[o + j] = g[j] * xhat[o + j] + b[j];
            }
        }

        /**
         * dβ_j += Σ_r dy_rj; dγ_j += Σ_r dy_rj·x̂_rj; with g = γ·dy, dx_rj = inv_r·(g_rj − Σ_k g_rk/C − x̂_rj·Σ_k g_rk·x̂_rk/C)
         * (μ_r and σ²_r depend on every feature of the row). dout not modified.
         */
        @Override
        public void backward(double[] x, double[] out, double[] dout, double[] dx, int n) {
            double[] gd = gamma == null ? null : gamma.data();
            if (gamma != null) {
                double[] dg = gamma.grad(), db = beta.grad();
                for (int r = 0; r < n; r++) {
                    int o = r * width;
                    for (int j = 0; j < width; j++) {
                        db[j] += dout[o + j];
                        dg[j] += dout[o + j] * xhat[o + j];
                    }
                }
            }
            if (dx == null) return;
            for (int r = 0; r < n; r++) {
                int o = r * width;
                double sumG = 0, sumGXhat = 0;
                for (int j = 0; j < width; j++) {
                    double gj = gd == null ? dout[o + j] : gd[j] * dout[o + j];
                    sumG += gj;
                    sumGXhat += gj * xhat[o + j];
                }
                double meanG = sumG / width, meanGXhat = sumGXhat / width, k = inv[r];
                for (int j = 0; j < width; j++) {
                    double gj = gd == null ? dout[o + j] : gd[j] * dout[o + j];
                    dx[o + j] = k * (gj - meanG - xhat[o + j] * meanGXhat);
                }
            }
        }

        @Override
        public String toString() {
            return "layer_norm(" + width + ", eps=" + eps + ", elementwise_affine=" + (gamma != null) + ")";
        }
    }
}
