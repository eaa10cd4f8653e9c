package nn.core.check;

/**
 * The sample moments of a set of draws (an initializer's fill): mean, unbiased variance Σ(w − mean)²/(n − 1), and the
 * range, for comparing with a distribution's mean and variance.
 */
public record Moments(int n, double mean, double variance, double min, double max) {
    /** The moments of w[0..w.length), n ≥ 2. w not modified. */
    public static Moments of(double[] w) {
        double sum = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double v : w) {
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double m = sum / w.length, ss = 0;
        for (double v : w) ss += (v - m) * (v - m);
        return new Moments(w.length, m, ss / (w.length - 1), min, max);
    }
}
