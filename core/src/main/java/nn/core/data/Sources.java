package nn.core.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import nn.core.BadInputException;
import nn.core.config.Cfg;
import nn.core.config.ConfigException;
import nn.core.config.Node;
import nn.core.config.Yaml;

/** Reads a {@link SourceSpec} into a {@link Dataset}. Bad rows stop with {@code file:line}, the column and the value. */
public final class Sources {
    private Sources() {}

    /**
     * @param nin     the number of inputs for inline rows (the model's), or -1 to infer it from the row width
     * @param nout    the number of targets for inline rows
     * @param classes the class order to encode labels with (from the training data), or null to take it from these rows
     * @param stdin   standard input, for "-"
     */
    public static Dataset load(SourceSpec s, int nin, int nout, List<String> classes, InputStream stdin) {
        return load(s, nin, nout, classes, stdin, false);
    }

    /** As {@link #load(SourceSpec, int, int, List, InputStream)}, holding the features as float32 when narrow. */
    public static Dataset load(SourceSpec s, int nin, int nout, List<String> classes, InputStream stdin, boolean narrow) {
        return load(s, nin, nout, classes, stdin, narrow, Progress.NONE);
    }

    /** As {@link #load(SourceSpec, int, int, List, InputStream, boolean)}, showing a large CSV's progress. */
    public static Dataset load(SourceSpec s, int nin, int nout, List<String> classes, InputStream stdin, boolean narrow, Progress progress) {
        if (s.inline() != null) return inline(s, nin, nout);
        return s.arrays() != null ? ArraySource.load(s, classes, narrow) : csv(s, classes, stdin, narrow, progress);
    }

    /** What a load of a file says once every check has passed: "loading FILE: R rows × C columns (S s)"; null for inline rows. */
    public static String loaded(SourceSpec s, Dataset d, double seconds) {
        if (s.inline() != null) return null;
        return String.format(java.util.Locale.ROOT, "loading %s: %d rows × %d columns (%.2f s)", s.label(), d.n(), d.nin() + d.targets().size(), seconds);
    }

    private static Dataset inline(SourceSpec s, int nin, int nout) {
        List<Node> rows = s.inline().items();
        if (nin < 0) {
            if (rows.isEmpty()) throw new ConfigException(s.inline().loc(), s.path() + ".inline: no rows");
            nin = width(rows.get(0), s.path() + ".inline[0]") - nout;
        }
        int w = nin + nout;
        double[] x = new double[rows.size() * nin], y = new double[rows.size() * nout];
        for (int r = 0; r < rows.size(); r++) {
            String at = s.path() + ".inline[" + r + "]";
            Node row = rows.get(r);
            if (width(row, at) != w) {
                throw new ConfigException(row.loc(), at + ": expected " + w + " numbers (" + nin + " inputs, then " + nout
                        + " targets), found " + ((Node.Seq) row).items().size());
            }
            List<Node> v = ((Node.Seq) row).items();
            for (int c = 0; c < w; c++) {
                double d = Cfg.real(v.get(c), at + "[" + c + "]", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
                if (c < nin) x[r * nin + c] = d;
                else y[r * nout + c - nin] = d;
            }
        }
        List<String> f = new ArrayList<>(), t = new ArrayList<>();
        for (int i = 0; i < nin; i++) f.add("x" + i);
        for (int i = 0; i < nout; i++) t.add("y" + i);
        return new Dataset(s.label(), x, y, rows.size(), nin, nout, f, t, null);
    }

    private static int width(Node row, String at) {
        if (!(row instanceof Node.Seq seq)) throw new ConfigException(row.loc(), at + ": expected a row [inputs..., targets...], found " + Yaml.describe(row));
        return seq.items().size();
    }

    private static Dataset csv(SourceSpec s, List<String> classes, InputStream stdin, boolean narrow, Progress progress) {
        try {
            return s.stream() ? stream(s, classes, narrow) : CsvSource.read(s, classes, stdin, narrow, progress);
        } catch (NoSuchFileException e) {
            throw new ConfigException(s.loc(), s.path() + ".csv: no such file '" + s.label() + "'");
        } catch (IOException e) {
            throw BadInputException.io(s.label(), "read", e);
        }
    }

    /**
     * A CSV file read a chunk (about 4 MiB) at a time: one pass now to count and cut it, one more to find the class
     * labels, and each chunk parsed again whenever it is read.
     */
    private static Dataset stream(SourceSpec s, List<String> classes, boolean narrow) throws IOException {
        CsvSource src = CsvSource.open(s);
        List<String> order = s.target() == null ? null : classes != null ? classes : src.classes();
        if (src.rows() > Integer.MAX_VALUE) throw new BadInputException(s.label() + ": " + src.rows() + " rows, more than nn counts (2^31 - 1)");
        Dataset first = src.empty(order);
        Dataset.Chunks chunks = new Dataset.Chunks() {
            @Override public int count() {
                return src.chunks();
            }

            @Override public Dataset read(int c) {
                try {
                    return src.chunk(c, order, narrow);
                } catch (IOException e) {
                    throw BadInputException.io(s.label(), "read", e);
                }
            }
        };
        return Dataset.streamed(s.label(), chunks, (int) src.rows(), first.nin(), first.nout(), first.features(), first.targets(), first.classes());
    }

    /** Sorted class labels: numerically when every label is a number, else as text. */
    public static List<String> classOrder(List<Object> labels) {
        TreeSet<String> set = new TreeSet<>();
        for (Object o : labels) set.add((String) o);
        boolean numeric = set.stream().allMatch(l -> l.matches("-?\\d+(\\.\\d+)?"));
        List<String> out = new ArrayList<>(set);
        if (numeric) out.sort((a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)));
        return out;
    }

    /** A buffered stream over in, gunzipped when it starts with the gzip magic (1f 8b); supports mark. */
    static BufferedInputStream gunzipped(InputStream in) throws IOException {
        BufferedInputStream buffered = in instanceof BufferedInputStream b ? b : new BufferedInputStream(in, 1 << 16);
        return gzip(buffered) ? new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16) : buffered;
    }

    /** Whether in starts with the gzip magic (1f 8b); nothing is consumed. */
    static boolean gzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        int b0 = in.read(), b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b;
    }

    /** What a binary file's first bytes say it is, with the config key that reads it. */
    static String binaryKind(byte[] head) {
        if (head.length >= 4 && head[0] == 0 && head[1] == 0 && (head[2] & 0xff) >= 0x08 && (head[2] & 0xff) <= 0x0E) {
            return "an IDX file (read it with idx: {images: PATH, labels: PATH})";
        }
        if (head.length >= 6 && (head[0] & 0xff) == 0x93 && head[1] == 'N' && head[2] == 'U' && head[3] == 'M') {
            return "a NumPy .npy file (read it with npy: {features: PATH, labels: PATH})";
        }
        return "a binary file";
    }
}
