package nn.core.check;

import java.util.List;
import nn.core.spi.Activation;
import nn.core.spi.ActivationProvider;
import nn.core.spi.Loss;
import nn.core.spi.LossProvider;
import nn.core.tensor.Rng;
import nn.core.train.Plugins;

/**
 * A loss's checks, with its declared defaults, on a random 3 × 3 batch. Predictions and targets of the right kind: for
 * a classification loss ({@link LossProvider#classification()}) y is a row-wise softmax of z uniform in [−2, 2)
 * (probabilities, each row summing to 1) and t one-hot; otherwise y and t are uniform in [−2, 2).
 * <ul>
 * <li>{@code gradient}: {@link Loss#gradient} against central differences of {@link Loss#value}
 *     ({@link Differences#loss}); at a kink (mae at y = t) a one-sided derivative or anything between is accepted;</li>
 * <li>for every loaded activation the loss fuses with ({@link Loss#fusedWith}), on pre-activations z uniform in
 *     [−3, 3): {@code fused_gradient}, the fused loss's gradient against central differences of its value on z; and
 *     {@code fused_value}, the fused value against the loss of the activation's output, value(f(z), t).</li>
 * </ul>
 */
final class LossChecks {
    private LossChecks() {}

    private static final int ROWS = 3, COLS = 3;

    static void run(Rows rows, Plugins plugins, LossProvider p) {
        Loss loss = p.create(Defaults.params(rows.kind, p));
        boolean classes = p.classification();
        Rng rng = new Rng(rows.seed);
        double[] y = new double[ROWS * COLS], t = new double[ROWS * COLS];
        sample(rng, classes, y, t);
        rows.run("gradient", () -> {
            double[] dy = new double[y.length];
            loss.gradient(y, t, dy, ROWS, COLS);
            for (int i = 0; i < y.length; i++) rows.derivative("gradient", "y" + Rows.at(i, COLS), dy[i], y, i, () -> loss.value(y, t, ROWS, COLS));
        });
        List<ActivationProvider> activations = plugins.activations.all().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
        for (ActivationProvider a : activations) {
            rows.run("fused_gradient", () -> {
                Loss fused = loss.fusedWith(a.name());
                if (fused != null) fused(rows, loss, fused, a, rng, t);
            });
        }
    }

    /** y and t of the right kind for the loss: probabilities and one-hot targets, or any numbers. */
    private static void sample(Rng rng, boolean classes, double[] y, double[] t) {
        if (!classes) {
            for (int i = 0; i < y.length; i++) {
                y[i] = rng.uniform(-2, 2);
                t[i] = rng.uniform(-2, 2);
            }
            return;
        }
        for (int r = 0; r < ROWS; r++) {
            int o = r * COLS;
            double s = 0;
            for (int j = 0; j < COLS; j++) s += y[o + j] = Math.exp(rng.uniform(-2, 2));
            for (int j = 0; j < COLS; j++) y[o + j] /= s;
            t[o + rng.nextInt(COLS)] = 1.0;
        }
    }

    private static void fused(Rows rows, Loss loss, Loss fused, ActivationProvider a, Rng rng, double[] t) {
        double[] z = new double[ROWS * COLS], dz = new double[z.length];
        for (int i = 0; i < z.length; i++) z[i] = rng.uniform(-3, 3);
        fused.gradient(z, t, dz, ROWS, COLS);
        for (int i = 0; i < z.length; i++) {
            rows.derivative("fused_gradient", a.name() + " z" + Rows.at(i, COLS), dz[i], z, i, () -> fused.value(z, t, ROWS, COLS));
        }
        Activation f = a.create(Defaults.params("activation", a));
        double[] y = new double[z.length];
        f.forward(z, y, ROWS, COLS);
        rows.agree("fused_value", a.name(), fused.value(z, t, ROWS, COLS), loss.value(y, t, ROWS, COLS));
    }
}
