package nn.core.check;

import java.util.Arrays;
import nn.core.spi.Initializer;
import nn.core.spi.InitializerProvider;
import nn.core.tensor.Rng;

/**
 * An initializer's checks, with its declared defaults. An initializer declares no distribution its draws could be
 * compared with (the contract tests of the built-ins do that, each with its own formula), so what is checked is what
 * the {@link Initializer} contract promises, and the sample moments are reported for the author to judge:
 * <ul>
 * <li>{@code finite}: every element filled with a finite value, for fans (1, 1), (3, 7) and (64, 16) (analytic the
 *     count of values that are not);</li>
 * <li>{@code deterministic}: two fills from one seed are bit-identical;</li>
 * <li>{@code index_order}: a shorter tensor filled from the same seed is a prefix of the longer one (draws in index
 *     order, as the contract says);</li>
 * <li>{@code seeds_differ}: another seed gives other values, unless the initializer is a constant (every draw of
 *     both seeds the same value, as zeros);</li>
 * <li>{@code moments}: the mean and variance of {@value #DRAWS} draws for fans (64, 16) and (10, 784), finite, with
 *     nothing to compare them with (numeric empty): a fan-scaled initializer shows its scaling here.</li>
 * </ul>
 */
final class InitializerChecks {
    private InitializerChecks() {}

    static final int DRAWS = 20_000;

    static void run(Rows rows, InitializerProvider p) {
        Initializer init = p.create(Defaults.params(rows.kind, p));
        long seed = rows.seed;
        rows.run("finite", () -> {
            for (int[] fans : new int[][] {{1, 1}, {3, 7}, {64, 16}}) {
                double[] w = new double[fans[0] * fans[1]];
                Arrays.fill(w, Double.NaN);
                init.fill(w, fans[0], fans[1], new Rng(seed));
                int bad = 0;
                for (double v : w) if (!Double.isFinite(v)) bad++;
                rows.property("finite", fans(fans[0], fans[1]), (double) bad, 0.0, bad == 0);
            }
        });
        rows.run("deterministic", () -> {
            double[] a = fill(init, 40, seed), b = fill(init, 40, seed), prefix = fill(init, 13, seed);
            int d = Rows.differing(a, b);
            rows.property("deterministic", fans(8, 5), (double) d, 0.0, d == 0);
            int o = Rows.differing(prefix, Arrays.copyOf(a, prefix.length));
            rows.property("index_order", "first 13 of " + fans(8, 5), (double) o, 0.0, o == 0);
            double[] c = fill(init, 40, seed + 1);
            boolean constant = Moments.of(a).min() == Moments.of(a).max() && Arrays.equals(a, c);
            int same = 40 - Rows.differing(a, c);
            rows.property("seeds_differ", constant ? "constant: every value " + a[0] : "seeds " + seed + ", " + (seed + 1),
                    (double) same, null, constant || same < 40);
        });
        rows.run("moments", () -> {
            for (int[] fans : new int[][] {{64, 16}, {10, 784}}) {
                double[] w = new double[DRAWS];
                init.fill(w, fans[0], fans[1], new Rng(seed));
                Moments m = Moments.of(w);
                rows.property("moments", "mean " + fans(fans[0], fans[1]), m.mean(), null, Double.isFinite(m.mean()));
                rows.property("moments", "variance " + fans(fans[0], fans[1]), m.variance(), null, Double.isFinite(m.variance()));
            }
        });
    }

    /** A 8 × 5 tensor's fill (fan_in 8, fan_out 5), its first n values. */
    private static double[] fill(Initializer init, int n, long seed) {
        double[] w = new double[n];
        init.fill(w, 8, 5, new Rng(seed));
        return w;
    }

    private static String fans(int in, int out) {
        return "fan_in " + in + " fan_out " + out;
    }
}
