package dev.nn.example;

import java.util.List;
import nn.core.spi.Activation;
import nn.core.spi.ActivationProvider;
import nn.core.spi.Param;
import nn.core.spi.Params;

/**
 * Swish (Ramachandran, Zoph and Le 2017): f(z) = z·σ(βz), σ(u) = 1/(1 + e^−u). At β = 1 it is PyTorch's
 * {@code SiLU} (nn's built-in {@code silu}); β → ∞ approaches relu, β = 0 gives z/2.
 * YAML: {@code activation: {type: swish, beta: 1.5}}.
 */
public final class SwishProvider implements ActivationProvider {
    @Override
    public String name() {
        return "swish";
    }

    @Override
    public String doc() {
        return "f(z) = z·σ(βz), σ(u) = 1/(1 + e^−u) (torch.nn.SiLU at beta = 1)";
    }

    @Override
    public List<Param> params() {
        return List.of(Param.real("beta", 1.0, "β ≥ 0, the slope inside the sigmoid"));
    }

    @Override
    public Activation create(Params p) {
        return new Swish(p.real("beta", 0.0, Double.POSITIVE_INFINITY));
    }

    /** Element-wise, stateless: one instance per layer, shared by nothing else. */
    record Swish(double beta) implements Activation {
        /** σ(u) = 1/(1 + e^−u), written so that e^x never overflows: e^u/(1 + e^u) for u < 0. */
        static double sigmoid(double u) {
            if (u >= 0) return 1.0 / (1.0 + Math.exp(-u));
            double e = Math.exp(u);
            return e / (1.0 + e);
        }

        /** out[i] = z[i]·σ(β·z[i]) for i in [0, rows·cols). z not modified; out modified. */
        @Override
        public void forward(double[] z, double[] out, int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) out[i] = z[i] * sigmoid(beta * z[i]);
        }

        /**
         * dz[i] = dout[i]·f'(z[i]), f'(z) = σ(βz) + β·z·σ(βz)·(1 − σ(βz)) = s + β·f(z)·(1 − s) with s = σ(βz).
         * z, out not modified; dz modified (it may be dout: each element is read before it is written).
         */
        @Override
        public void backward(double[] z, double[] out, double[] dout, double[] dz, int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) {
                double s = sigmoid(beta * z[i]);
                dz[i] = dout[i] * (s + beta * z[i] * s * (1.0 - s));
            }
        }

        @Override
        public String toString() {
            return "swish(beta=" + beta + ")";
        }
    }
}
