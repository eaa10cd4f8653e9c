package nn.core.data;

/**
 * Per-feature affine scaling x' = (x − shift) / scale, with statistics from the training rows only.
 * {@code standard}: shift = mean, scale = population standard deviation (ddof 0, as scikit-learn's StandardScaler);
 * {@code minmax}: shift = min, scale = max − min. A constant feature gets scale 1.
 */
public record Normalizer(String kind, double[] shift, double[] scale) {
    public static final String[] KINDS = {"none", "standard", "minmax"};

    public static Normalizer fit(String kind, Dataset d) {
        double[] shift = new double[d.nin()], scale = new double[d.nin()];
        java.util.Arrays.fill(scale, 1.0);
        if (kind.equals("none") || d.n() == 0) return new Normalizer(kind, shift, scale);
        for (int k = 0; k < d.nin(); k++) {
            if (kind.equals("standard")) {
                double mean = 0;
                for (int r = 0; r < d.n(); r++) mean += d.x()[r * d.nin() + k];
                mean /= d.n();
                double var = 0;
                for (int r = 0; r < d.n(); r++) {
                    double e = d.x()[r * d.nin() + k] - mean;
                    var += e * e;
                }
                double sd = Math.sqrt(var / d.n());
                shift[k] = mean;
                scale[k] = sd > 0 ? sd : 1.0;
            } else {
                double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
                for (int r = 0; r < d.n(); r++) {
                    double v = d.x()[r * d.nin() + k];
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                shift[k] = lo;
                scale[k] = hi > lo ? hi - lo : 1.0;
            }
        }
        return new Normalizer(kind, shift, scale);
    }

    /** x[r,k] = (x[r,k] − shift[k]) / scale[k] for n rows of width shift.length. x modified. */
    public void apply(double[] x, int n) {
        if (kind.equals("none")) return;
        int w = shift.length;
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < w; k++) x[r * w + k] = (x[r * w + k] - shift[k]) / scale[k];
        }
    }
}
