package nn.plugins.layer;

import java.util.List;
import nn.core.spi.Layer;
import nn.core.spi.LayerProvider;
import nn.core.spi.LayerSpec;
import nn.core.spi.Param;
import nn.core.spi.Parameter;
import nn.core.tensor.Rng;

/**
 * Inverted dropout, as torch.nn.Dropout: while training each value is zeroed with probability rate and the rest
 * scaled by 1/(1 − rate); the identity otherwise. Masks come from the network's seeded generator.
 * YAML: {@code {type: dropout, rate: 0.5}}.
 */
public final class DropoutProvider implements LayerProvider {
    @Override
    public String name() {
        return "dropout";
    }

    @Override
    public String doc() {
        return "training: y = x·m/(1-rate), m ~ Bernoulli(1-rate); evaluation: y = x (torch.nn.Dropout)";
    }

    @Override
    public List<Param> params() {
        return List.of(Param.real("rate", 0.5, "probability of zeroing each value while training"));
    }

    @Override
    public Layer create(LayerSpec spec) {
        double rate = spec.params().real("rate", 0.0, 0.99);
        return new Dropout(spec.nin(), rate, spec.rng());
    }

    static final class Dropout implements Layer {
        private final int width;
        private final double rate, keepScale;
        private final Rng rng;
        private double[] mask = new double[0];
        private boolean masked;

        Dropout(int width, double rate, Rng rng) {
            this.width = width;
            this.rate = rate;
            this.keepScale = 1.0 / (1.0 - rate);
            this.rng = rng;
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
            return List.of();
        }

        @Override
        public void allocate(int maxBatch) {
            if (mask.length < maxBatch * width) mask = new double[maxBatch * width];
        }

        /** training: mask[i] = (u_i ≥ rate) / (1 − rate), out = x·mask; else out = x. */
        @Override
        public void forward(double[] x, double[] out, int n, boolean training) {
            int len = n * width;
            masked = training && rate > 0;
            if (!masked) {
                System.arraycopy(x, 0, out, 0, len);
                return;
            }
            for (int i = 0; i < len; i++) mask[i] = rng.nextDouble() >= rate ? keepScale : 0.0;
            for (int i = 0; i < len; i++) out[i] = x[i] * mask[i];
        }

        /** dx = dout·mask (or dout when no mask was applied). */
        @Override
        public void backward(double[] x, double[] out, double[] dout, double[] dx, int n) {
            if (dx == null) return;
            int len = n * width;
            if (!masked) System.arraycopy(dout, 0, dx, 0, len);
            else for (int i = 0; i < len; i++) dx[i] = dout[i] * mask[i];
        }
    }
}
