package nn.core.data;

/**
 * Per-column affine scaling x' = (x − shift) / scale, with statistics from the training rows only; used for the
 * features ({@code normalize}) and for numeric targets ({@code normalize_targets}), whose scaling
 * {@link #invert} undoes on the network's outputs.
 * {@code standard}: shift = mean, scale = population standard deviation (ddof 0, as scikit-learn's StandardScaler);
 * {@code minmax}: shift = min, scale = max − min. A constant column gets scale 1.
 */
public record Normalizer(String kind, double[] shift, double[] scale) {
    public static final String[] KINDS = {"none", "standard", "minmax"};

    /** Column k of row r of a data set, before any normalisation. */
    private interface Column {
        double get(Dataset d, int r, int k);
    }

    /** The identity on width columns (kind none: shift 0, scale 1). */
    public static Normalizer none(int width) {
        double[] scale = new double[width];
        java.util.Arrays.fill(scale, 1.0);
        return new Normalizer("none", new double[width], scale);
    }

    /** Fits to d's features; data streamed from disk is read chunk by chunk (twice for standard). */
    public static Normalizer fit(String kind, Dataset d) {
        return fit(kind, d, d.nin(), Dataset::raw);
    }

    /** Fits to d's targets (numeric targets only: the caller never asks this of class labels). */
    public static Normalizer fitTargets(String kind, Dataset d) {
        return fit(kind, d, d.nout(), Dataset::target);
    }

    private static Normalizer fit(String kind, Dataset d, int nin, Column col) {
        double[] shift = new double[nin], scale = new double[nin];
        java.util.Arrays.fill(scale, 1.0);
        if (kind.equals("none") || d.n() == 0) return new Normalizer(kind, shift, scale);
        if (kind.equals("standard")) {
            double[] mean = new double[nin], var = new double[nin];
            for (Dataset part : parts(d)) {
                for (int r = 0; r < part.n(); r++) for (int k = 0; k < nin; k++) mean[k] += col.get(part, r, k);
            }
            for (int k = 0; k < nin; k++) mean[k] /= d.n();
            for (Dataset part : parts(d)) {
                for (int r = 0; r < part.n(); r++) {
                    for (int k = 0; k < nin; k++) {
                        double e = col.get(part, r, k) - mean[k];
                        var[k] += e * e;
                    }
                }
            }
            for (int k = 0; k < nin; k++) {
                double sd = Math.sqrt(var[k] / d.n());
                shift[k] = mean[k];
                scale[k] = sd > 0 ? sd : 1.0;
            }
        } else {
            double[] lo = new double[nin], hi = new double[nin];
            java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
            for (Dataset part : parts(d)) {
                for (int r = 0; r < part.n(); r++) {
                    for (int k = 0; k < nin; k++) {
                        double v = col.get(part, r, k);
                        lo[k] = Math.min(lo[k], v);
                        hi[k] = Math.max(hi[k], v);
                    }
                }
            }
            for (int k = 0; k < nin; k++) {
                shift[k] = lo[k];
                scale[k] = hi[k] > lo[k] ? hi[k] - lo[k] : 1.0;
            }
        }
        return new Normalizer(kind, shift, scale);
    }

    /** d itself, or its chunks read one at a time, in row order. */
    private static Iterable<Dataset> parts(Dataset d) {
        Dataset.Chunks c = d.chunks();
        if (c == null) return java.util.List.of(d);
        return () -> java.util.stream.IntStream.range(0, c.count()).mapToObj(c::read).iterator();
    }

    /** x[r,k] = x[r,k] · scale[k] + shift[k] for rows at..at+n: undoes {@link #apply}. x modified. */
    public void invert(double[] x, int at, int n) {
        if (kind.equals("none")) return;
        int w = shift.length;
        for (int r = at; r < at + n; r++) {
            for (int k = 0; k < w; k++) x[r * w + k] = x[r * w + k] * scale[k] + shift[k];
        }
    }

    /** x[r,k] = (x[r,k] − shift[k]) / scale[k] for n rows of width shift.length. x modified. */
    public void apply(double[] x, int n) {
        apply(x, 0, n);
    }

    /** x[r,k] = (x[r,k] − shift[k]) / scale[k] for rows at..at+n. x modified. */
    public void apply(double[] x, int at, int n) {
        if (kind.equals("none")) return;
        int w = shift.length;
        for (int r = at; r < at + n; r++) {
            for (int k = 0; k < w; k++) x[r * w + k] = (x[r * w + k] - shift[k]) / scale[k];
        }
    }
}
