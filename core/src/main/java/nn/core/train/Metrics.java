package nn.core.train;

import java.util.LinkedHashMap;
import java.util.Map;
import nn.core.data.Dataset;
import nn.core.data.Normalizer;
import nn.core.spi.Loss;

/**
 * Loss, accuracy (classification) or RMSE, MAE and R² (regression) of a network on a data set, in evaluation mode.
 * The loss is computed as training computes it ({@link Objective}), so on normalised targets when the data's targets
 * are normalised ({@code normalize_targets}); accuracy from the network's output, and RMSE, MAE and R² from its output
 * and the targets inverted to the target's own units ({@link RegressionReport}).
 */
public final class Metrics {
    private Metrics() {}

    /** The metrics keyed {@code prefix + "_loss"}, then {@code _accuracy}, or {@code _rmse}, {@code _mae} and {@code _r2}. */
    public static Map<String, Double> evaluate(Network net, Loss loss, Dataset d, boolean classification, String prefix, int batch) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (d == null || d.n() == 0) return m;
        int nin = d.nin(), nout = d.nout();
        double lossSum = 0;
        long correct = 0;
        double[] xb = new double[batch * nin], tb = new double[batch * nout];
        double[] ys = new double[batch * nout], ts = new double[batch * nout];
        RegressionReport reg = classification ? null : new RegressionReport(nout);
        Normalizer tn = d.targetNormalizer();
        Objective objective = Objective.of(net, loss);
        for (int start = 0; start < d.n(); start += batch) {
            int n = Math.min(batch, d.n() - start);
            d.rows(null, start, n, xb, tb);
            double[] y = net.forward(xb, n, false);
            lossSum += objective.value(y, tb, n) * n;
            if (classification) {
                for (int r = 0; r < n; r++) if (predicted(y, r, nout) == predicted(tb, r, nout)) correct++;
            } else {
                reg.add(y, tb, n, tn, ys, ts);
            }
        }
        m.put(prefix + "_loss", lossSum / d.n());
        if (classification) {
            m.put(prefix + "_accuracy", (double) correct / d.n());
        } else {
            m.put(prefix + "_rmse", reg.rmse());
            m.put(prefix + "_mae", reg.mae());
            m.put(prefix + "_r2", reg.r2());
        }
        return m;
    }

    /** The predicted class of row r: argmax, or y > 0.5 for a single output. */
    public static int predicted(double[] y, int r, int nout) {
        if (nout == 1) return y[r] > 0.5 ? 1 : 0;
        return Dataset.argmax(y, r * nout, nout);
    }
}
