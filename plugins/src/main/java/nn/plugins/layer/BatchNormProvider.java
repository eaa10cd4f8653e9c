package nn.plugins.layer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nn.core.spi.Buffer;
import nn.core.spi.Layer;
import nn.core.spi.LayerProvider;
import nn.core.spi.LayerSpec;
import nn.core.spi.Param;
import nn.core.spi.Parameter;

/**
 * Batch normalisation over the features, as torch.nn.BatchNorm1d on an (n, features) batch. Training: each
 * feature is normalised with the batch's mean μ and biased variance σ², y = γ·(x − μ)/√(σ² + eps) + β, and the
 * running statistics move towards the batch's: running_mean ← (1 − momentum)·running_mean + momentum·μ,
 * running_var ← (1 − momentum)·running_var + momentum·σ²·n/(n − 1) (the unbiased variance, as PyTorch keeps).
 * Evaluation: y = γ·(x − running_mean)/√(running_var + eps) + β. A training batch needs 2 rows or more
 * ({@link Layer#minTrainingBatch()}): the trainer refuses a training.batch_size that leaves a batch of 1 row, as
 * PyTorch refuses one. YAML: {@code {type: batch_norm, momentum: 0.1}}.
 *
 * <p>{@code dtype: float32} runs it through the Layer SPI's float32 fallback: the batch widened to float64, this
 * arithmetic, the output rounded to float32 (a few elementwise passes, cheap beside the dense products around it).
 */
public final class BatchNormProvider implements LayerProvider {
    @Override
    public String name() {
        return "batch_norm";
    }

    @Override
    public String doc() {
        return "y = γ·(x − μ)/√(σ² + eps) + β per feature; batch μ, σ² while training, running ones in evaluation (torch.nn.BatchNorm1d)";
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.real("momentum", 0.1, "weight of each training batch's statistics in the running ones, in [0, 1]"),
                Param.real("eps", 1e-5, "added to the variance before the square root, > 0"),
                Param.bool("affine", true, "learn a scale γ (weight, initially 1) and a shift β (bias, initially 0) per feature"));
    }

    @Override
    public Layer create(LayerSpec spec) {
        double momentum = spec.params().real("momentum", 0.0, 1.0);
        double eps = spec.params().realAbove("eps", 0.0, Double.POSITIVE_INFINITY);
        boolean affine = spec.params().bool("affine");
        return new BatchNorm(spec.nin(), momentum, eps, affine);
    }

    /**
     * The layer: per feature j over the n rows of a batch, x̂ = (x − m_j)·inv_j and y = γ_j·x̂ + β_j, where m, inv are
     * the batch's μ, 1/√(σ² + eps) while training and the running statistics' otherwise. x̂ and inv are kept for
     * backward.
     */
    static final class BatchNorm implements Layer {
        private final int width;
        private final double momentum, eps;
        private final Parameter gamma, beta; // null without affine
        private final List<Parameter> params = new ArrayList<>();
        private final Buffer runningMean, runningVar;
        private final List<Buffer> buffers;
        private final double[] mean, inv, sumDy, sumDyXhat, scale; // per feature
        private double[] xhat = new double[0];
        private boolean batchStatistics; // the last forward normalised with the batch's own statistics

        BatchNorm(int width, double momentum, double eps, boolean affine) {
            this.width = width;
            this.momentum = momentum;
            this.eps = eps;
            gamma = affine ? new Parameter("weight", width) : null;
            beta = affine ? new Parameter("bias", width) : null;
            if (affine) {
                Arrays.fill(gamma.data(), 1.0);
                params.add(gamma);
                params.add(beta);
            }
            runningMean = new Buffer("running_mean", 0.0, width);
            runningVar = new Buffer("running_var", 1.0, width);
            buffers = List.of(runningMean, runningVar);
            mean = new double[width];
            inv = new double[width];
            sumDy = new double[width];
            sumDyXhat = new double[width];
            scale = new double[width];
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
        public List<Buffer> buffers() {
            return buffers;
        }

        /** A batch's variance needs two rows; PyTorch: "Expected more than 1 value per channel when training". */
        @Override
        public int minTrainingBatch() {
            return 2;
        }

        @Override
        public void allocate(int maxBatch) {
            if (xhat.length < maxBatch * width) xhat = new double[maxBatch * width];
        }

        /**
         * Training: μ_j = Σ_r x_rj / n, σ²_j = Σ_r (x_rj − μ_j)² / n, inv_j = 1/√(σ²_j + eps), the running statistics
         * updated (σ² made unbiased by n/(n − 1); not for a batch of 1 row, which has no unbiased variance); evaluation:
         * μ, σ² the running ones. Then x̂ = (x − μ)·inv,
         * out = γ·x̂ + β. x not modified; out, x̂ modified; the buffers modified while training.
         */
        @Override
        public void forward(double[] x, double[] out, int n, boolean training) {
            batchStatistics = training;
            double[] rm = runningMean.data(), rv = runningVar.data();
            if (training) {
                Arrays.fill(mean, 0.0);
                for (int r = 0; r < n; r++) {
                    int o = r * width;
                    for (int j = 0; j < width; j++) mean[j] += x[o + j];
                }
                for (int j = 0; j < width; j++) mean[j] /= n;
                double[] ss = inv; // Σ (x − μ)² first, then 1/√(σ² + eps) in place
                Arrays.fill(ss, 0.0);
                for (int r = 0; r < n; r++) {
                    int o = r * width;
                    for (int j = 0; j < width; j++) {
                        double d = x[o + j] - mean[j];
                        ss[j] += d * d;
                    }
                }
                for (int j = 0; j < width; j++) {
                    if (n > 1) { // one row has no unbiased variance: the trainer refuses such batches (minTrainingBatch)
                        rm[j] = momentum * mean[j] + (1 - momentum) * rm[j];
                        rv[j] = momentum * (ss[j] / (n - 1)) + (1 - momentum) * rv[j];
                    }
                    inv[j] = 1.0 / Math.sqrt(ss[j] / n + eps);
                }
            } else {
                for (int j = 0; j < width; j++) {
                    mean[j] = rm[j];
                    inv[j] = 1.0 / Math.sqrt(rv[j] + eps);
                }
            }
            double[] g = gamma == null ? null : gamma.data(), b = beta == null ? null : beta.data();
            for (int r = 0; r < n; r++) {
                int o = r * width;
                for (int j = 0; j < width; j++) xhat[o + j] = (x[o + j] - mean[j]) * inv[j];
                if (g == null) System.arraycopy(xhat, o, out, o, width);
                else for (int j = 0; j < width; j++) out[o + j] = g[j] * xhat[o + j] + b[j];
            }
        }

        /**
         * dβ_j += Σ_r dy_rj; dγ_j += Σ_r dy_rj·x̂_rj; dx_rj = γ_j·inv_j·(dy_rj − Σ_r dy_rj/n − x̂_rj·Σ_r dy_rj·x̂_rj/n)
         * after a training forward (μ and σ² depend on every row of the batch), dx_rj = γ_j·inv_j·dy_rj after an
         * evaluation one. dout not modified.
         */
        @Override
        public void backward(double[] x, double[] out, double[] dout, double[] dx, int n) {
            Arrays.fill(sumDy, 0.0);
            Arrays.fill(sumDyXhat, 0.0);
            for (int r = 0; r < n; r++) {
                int o = r * width;
                for (int j = 0; j < width; j++) {
                    sumDy[j] += dout[o + j];
                    sumDyXhat[j] += dout[o + j] * xhat[o + j];
                }
            }
            if (gamma != null) {
                double[] dg = gamma.grad(), db = beta.grad();
                for (int j = 0; j < width; j++) {
                    dg[j] += sumDyXhat[j];
                    db[j] += sumDy[j];
                }
            }
            if (dx == null) return;
            double[] g = gamma == null ? null : gamma.data();
            for (int j = 0; j < width; j++) {
                scale[j] = g == null ? inv[j] : g[j] * inv[j];
                sumDy[j] /= n; // now the means over the batch
                sumDyXhat[j] /= n;
            }
            if (!batchStatistics) {
                for (int r = 0; r < n; r++) {
                    int o = r * width;
                    for (int j = 0; j < width; j++) dx[o + j] = scale[j] * dout[o + j];
                }
                return;
            }
            for (int r = 0; r < n; r++) {
                int o = r * width;
                for (int j = 0; j < width; j++) dx[o + j] = scale[j] * (dout[o + j] - sumDy[j] - xhat[o + j] * sumDyXhat[j]);
            }
        }

        @Override
        public String toString() {
            return "batch_norm(" + width + ", momentum=" + momentum + ", eps=" + eps + ", affine=" + (gamma != null) + ")";
        }
    }
}
