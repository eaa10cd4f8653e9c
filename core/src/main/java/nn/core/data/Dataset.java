package nn.core.data;

import java.util.List;

/**
 * Rows of inputs and targets: n rows of nin features and nout targets. The features are held once, as read
 * ({@link Values}: float32 when that is exact), and each row is produced on demand as raw / divisor, then normalised:
 * the same operations, in the same order, as transforming a float64 copy in place, so the same bits, without the copy.
 * A subset of rows ({@link #select}) is a view on the same storage. Data streamed from disk ({@code stream: true})
 * holds no rows: it gives its {@link #chunks()} one at a time.
 *
 * @param classes the class names in one-hot order when the target is a class label, else null
 */
public final class Dataset {
    private final String source;
    private final Values x;
    private final double[] y;
    private final int[] rows;
    private final double divisor;
    private final Normalizer norm, targetNorm;
    private final int n, nin, nout;
    private final List<String> features, targets, classes;
    private final Chunks chunks;

    /** Data read from disk a chunk of rows at a time, in file order. */
    public interface Chunks {
        int count();

        /** The rows of chunk c, in memory. */
        Dataset read(int c);
    }

    private Dataset(String source, Values x, double[] y, int[] rows, double divisor, Normalizer norm, Normalizer targetNorm,
                    int n, int nin, int nout, List<String> features, List<String> targets, List<String> classes) {
        this(source, x, y, rows, divisor, norm, targetNorm, n, nin, nout, features, targets, classes, null);
    }

    private Dataset(String source, Values x, double[] y, int[] rows, double divisor, Normalizer norm, Normalizer targetNorm,
                    int n, int nin, int nout, List<String> features, List<String> targets, List<String> classes, Chunks chunks) {
        this.chunks = chunks;
        this.targetNorm = targetNorm;
        this.source = source;
        this.x = x;
        this.y = y;
        this.rows = rows;
        this.divisor = divisor;
        this.norm = norm;
        this.n = n;
        this.nin = nin;
        this.nout = nout;
        this.features = features;
        this.targets = targets;
        this.classes = classes;
    }

    /** Features x (n × nin, row-major, read as x / divisor) and targets y (n × nout). */
    public Dataset(String source, Values x, double divisor, double[] y, int n, int nin, int nout,
                   List<String> features, List<String> targets, List<String> classes) {
        this(source, x, y, null, divisor, null, null, n, nin, nout, features, targets, classes);
    }

    public Dataset(String source, double[] x, double[] y, int n, int nin, int nout,
                   List<String> features, List<String> targets, List<String> classes) {
        this(source, Values.of(x), 1, y, n, nin, nout, features, targets, classes);
    }

    /** n rows read a chunk at a time from disk. */
    public static Dataset streamed(String source, Chunks chunks, int n, int nin, int nout,
                                   List<String> features, List<String> targets, List<String> classes) {
        return new Dataset(source, null, null, null, 1, null, null, n, nin, nout, features, targets, classes, chunks);
    }

    /**
     * n rows kept elsewhere (by the engine that read them, {@link Tables}): their shape and names are known here,
     * their values are not ({@link #remote()}).
     */
    public static Dataset remote(String source, int n, int nin, int nout, List<String> features, List<String> targets, List<String> classes) {
        return new Dataset(source, null, null, null, 1, null, null, n, nin, nout, features, targets, classes, null);
    }

    /** Whether the rows are kept elsewhere ({@link #remote}): only their count, shape and names are here. */
    public boolean remote() {
        return x == null && chunks == null;
    }

    /** The chunks of data streamed from disk, or null when the rows are in memory. */
    public Chunks chunks() {
        return chunks;
    }

    public String source() { return source; }
    public int n() { return n; }
    public int nin() { return nin; }
    public int nout() { return nout; }
    public List<String> features() { return features; }
    public List<String> targets() { return targets; }
    public List<String> classes() { return classes; }

    /** Whether the features are held as float32. */
    public boolean narrow() {
        return x != null && x.narrow();
    }

    /** Bytes held for the features and targets (shared with views). */
    public long bytes() {
        return x == null ? 0 : x.bytes() + 8L * y.length;
    }

    /** The rows at idx[0..count), in that order: a view on the same storage. */
    public Dataset select(int[] idx, int count) {
        int[] r = new int[count];
        for (int i = 0; i < count; i++) r[i] = stored(idx[i]);
        return new Dataset(source, x, y, r, divisor, norm, targetNorm, count, nin, nout, features, targets, classes);
    }

    /** This data with its features normalised by norm, its targets as read (a view on the same storage). */
    public Dataset normalized(Normalizer norm) {
        return normalized(norm, Normalizer.none(nout));
    }

    /**
     * This data with its features normalised by norm and its targets by targetNorm (a view on the same storage);
     * targetNorm must be kind none for class labels.
     */
    public Dataset normalized(Normalizer norm, Normalizer targetNorm) {
        if (chunks != null) {
            Chunks raw = chunks;
            Chunks scaled = new Chunks() {
                @Override public int count() { return raw.count(); }
                @Override public Dataset read(int c) { return raw.read(c).normalized(norm, targetNorm); }
            };
            return new Dataset(source, null, null, null, 1, null, targetNorm.kind().equals("none") ? null : targetNorm,
                    n, nin, nout, features, targets, classes, scaled);
        }
        return new Dataset(source, x, y, rows, divisor, norm.kind().equals("none") ? null : norm,
                targetNorm.kind().equals("none") ? null : targetNorm, n, nin, nout, features, targets, classes);
    }

    /** What the targets are normalised by as rows are read ({@link #rows}); kind none when they are not. */
    public Normalizer targetNormalizer() {
        return targetNorm != null ? targetNorm : Normalizer.none(nout);
    }

    private int stored(int r) {
        return rows == null ? r : rows[r];
    }

    /** Feature k of row r, before normalisation (raw / divisor). */
    public double raw(int r, int k) {
        double v = x.get(stored(r) * nin + k);
        return divisor != 1 ? v / divisor : v;
    }

    /** Target k of row r, before normalisation. */
    public double target(int r, int k) {
        return y[stored(r) * nout + k];
    }

    /**
     * The features and targets of rows order[from..from+count) into xb (count × nin) and tb (count × nout);
     * order null means rows from..from+count. xb, tb modified.
     */
    public void rows(int[] order, int from, int count, double[] xb, double[] tb) {
        rows(order, from, count, xb, tb, 0);
    }

    /** {@link #rows(int[], int, int, double[], double[])} into xb and tb from row at on. */
    public void rows(int[] order, int from, int count, double[] xb, double[] tb, int at) {
        for (int i = 0; i < count; i++) {
            int r = stored(order == null ? from + i : order[from + i]);
            x.copyTo(r * nin, xb, (at + i) * nin, nin);
            System.arraycopy(y, r * nout, tb, (at + i) * nout, nout);
        }
        if (divisor != 1) for (int j = at * nin; j < (at + count) * nin; j++) xb[j] /= divisor;
        if (norm != null) norm.apply(xb, at, count);
        if (targetNorm != null) targetNorm.apply(tb, at, count);
    }

    /** Every row's features as one n × nin array (a copy, transformed as {@link #rows} does). */
    public double[] x() {
        double[] xb = new double[n * nin], tb = new double[n * nout];
        rows(null, 0, n, xb, tb);
        return xb;
    }

    /** Every row's targets as one n × nout array, normalised as {@link #rows} gives them (shared when neither a view nor normalised). */
    public double[] y() {
        if (rows == null && targetNorm == null) return y;
        double[] out = new double[n * nout];
        for (int i = 0; i < n; i++) System.arraycopy(y, stored(i) * nout, out, i * nout, nout);
        if (targetNorm != null) targetNorm.apply(out, 0, n);
        return out;
    }

    /** The class index of row r (argmax of its target row). */
    public int label(int r) {
        return argmax(y, stored(r) * nout, nout);
    }

    public static int argmax(double[] a, int off, int len) {
        int best = 0;
        for (int j = 1; j < len; j++) if (a[off + j] > a[off + best]) best = j;
        return best;
    }
}
