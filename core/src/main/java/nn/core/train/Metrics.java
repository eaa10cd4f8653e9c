package nn.core.train;

import java.util.LinkedHashMap;
import java.util.Map;
import nn.core.data.Dataset;
import nn.core.spi.Loss;

/**
 * Loss, accuracy (classification) or RMSE (regression) of a network on a data set, in evaluation mode. The loss is
 * computed as training computes it ({@link Objective}); accuracy and RMSE from the network's output.
 */
public final class Metrics {
    private Metrics() {}

    /** The metrics keyed {@code prefix + "_loss"}, {@code _accuracy} or {@code _rmse}. */
    public static Map<String, Double> evaluate(Network net, Loss loss, Dataset d, boolean classification, String prefix, int batch) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (d == null || d.n() == 0) return m;
        int nin = d.nin(), nout = d.nout();
        double lossSum = 0, sq = 0;
        long correct = 0;
        double[] xb = new double[batch * nin], tb = new double[batch * nout];
        Objective objective = Objective.of(net, loss);
        for (int start = 0; start < d.n(); start += batch) {
            int n = Math.min(batch, d.n() - start);
            d.rows(null, start, n, xb, tb);
            double[] y = net.forward(xb, n, false);
            lossSum += objective.value(y, tb, n) * n;
            for (int r = 0; r < n; r++) {
                if (classification) {
                    if (predicted(y, r, nout) == predicted(tb, r, nout)) correct++;
                } else {
                    for (int j = 0; j < nout; j++) {
                        double e = y[r * nout + j] - tb[r * nout + j];
                        sq += e * e;
                    }
                }
            }
        }
        m.put(prefix + "_loss", lossSum / d.n());
        if (classification) m.put(prefix + "_accuracy", (double) correct / d.n());
        else m.put(prefix + "_rmse", Math.sqrt(sq / ((double) d.n() * nout)));
        return m;
    }

    /** The predicted class of row r: argmax, or y > 0.5 for a single output. */
    public static int predicted(double[] y, int r, int nout) {
        if (nout == 1) return y[r] > 0.5 ? 1 : 0;
        return Dataset.argmax(y, r * nout, nout);
    }
}
