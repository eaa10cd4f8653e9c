package nn.core.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import nn.core.BadInputException;
import nn.core.Names;
import nn.core.config.Cfg;
import nn.core.config.ConfigException;
import nn.core.config.Node;
import nn.core.config.Yaml;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads a {@link SourceSpec} into a {@link Dataset}. Bad rows stop with {@code file:line}, the column and the value. */
public final class Sources {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Sources.class);

    private Sources() {}

    /**
     * @param nin     the number of inputs for inline rows (the model's), or -1 to infer it from the row width
     * @param nout    the number of targets for inline rows
     * @param classes the class order to encode labels with (from the training data), or null to take it from these rows
     * @param stdin   standard input, for "-"
     */
    public static Dataset load(SourceSpec s, int nin, int nout, List<String> classes, InputStream stdin) {
        if (s.inline() != null) return inline(s, nin, nout);
        long start = System.nanoTime();
        Dataset d = s.arrays() != null ? ArraySource.load(s, classes) : csv(s, classes, stdin);
        log.info("loading {}: {} rows × {} columns ({} s)", s.label(), d.n(), d.nin() + d.targets().size(),
                String.format(java.util.Locale.ROOT, "%.2f", (System.nanoTime() - start) / 1e9));
        return d;
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

    private static Dataset csv(SourceSpec s, List<String> classes, InputStream stdin) {
        String file = s.label();
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(s.delimiter()).setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();
        try (Reader reader = open(s, stdin); CSVParser parser = CSVParser.parse(reader, format)) {
            List<String> header = parser.getHeaderNames();
            if (header.isEmpty()) throw new BadInputException(file + ":1: no header row (expected column names)");
            Map<String, Integer> col = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) col.put(header.get(i), i);
            List<String> targets = s.target() != null ? List.of(s.target()) : s.targets();
            List<String> features = s.features();
            if (features.isEmpty()) {
                features = new ArrayList<>();
                for (String h : header) if (!targets.contains(h)) features.add(h);
            }
            int[] fi = columns(features, col, s, "features");
            int[] ti = columns(targets, col, s, s.target() != null ? "target" : "targets");
            List<double[]> xs = new ArrayList<>();
            List<Object> ys = new ArrayList<>();
            for (CSVRecord rec : parser) {
                long line = parser.getCurrentLineNumber();
                if (rec.size() != header.size()) {
                    throw new BadInputException(file + ":" + line + ": expected " + header.size() + " columns (as the header), found " + rec.size());
                }
                double[] row = new double[fi.length];
                for (int i = 0; i < fi.length; i++) row[i] = number(rec.get(fi[i]), file, line, features.get(i));
                xs.add(row);
                if (s.target() != null) {
                    String label = rec.get(ti[0]);
                    if (label.isEmpty()) throw new BadInputException(file + ":" + line + ": column '" + s.target() + "': empty class label");
                    if (classes != null && !classes.contains(label)) {
                        throw new BadInputException(file + ":" + line + ": column '" + s.target() + "': unknown class '" + label
                                + "' (the training data has: " + String.join(", ", classes) + ")");
                    }
                    ys.add(label);
                } else {
                    double[] t = new double[ti.length];
                    for (int i = 0; i < ti.length; i++) t[i] = number(rec.get(ti[i]), file, line, targets.get(i));
                    ys.add(t);
                }
            }
            if (classes == null && s.target() != null) classes = classOrder(ys);
            int n = xs.size(), nin = fi.length;
            int nout = s.target() != null ? classes.size() : ti.length;
            double[] x = new double[n * nin], y = new double[n * nout];
            for (int r = 0; r < n; r++) {
                System.arraycopy(xs.get(r), 0, x, r * nin, nin);
                if (s.target() != null) y[r * nout + classes.indexOf((String) ys.get(r))] = 1.0;
                else System.arraycopy((double[]) ys.get(r), 0, y, r * nout, nout);
            }
            return new Dataset(file, x, y, n, nin, nout, List.copyOf(features), List.copyOf(targets),
                    s.target() != null ? List.copyOf(classes) : null);
        } catch (NoSuchFileException e) {
            throw new ConfigException(s.loc(), s.path() + ".csv: no such file '" + file + "'");
        } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw readError(file, e);
        }
    }

    /**
     * A failure while reading CSV from file, as one line: an I/O error's reason, or what commons-csv found
     * malformed (it throws IllegalArgumentException and IllegalStateException for that).
     */
    public static BadInputException readError(String file, Exception e) {
        if (e instanceof java.io.UncheckedIOException u) return BadInputException.io(file, "read", u.getCause());
        if (e instanceof IOException io) return BadInputException.io(file, "read", io);
        return new BadInputException(file + ": malformed CSV: " + e.getMessage());
    }

    /** Sorted class labels: numerically when every label is a number, else as text. */
    static List<String> classOrder(List<Object> labels) {
        TreeSet<String> set = new TreeSet<>();
        for (Object o : labels) set.add((String) o);
        boolean numeric = set.stream().allMatch(l -> l.matches("-?\\d+(\\.\\d+)?"));
        List<String> out = new ArrayList<>(set);
        if (numeric) out.sort((a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)));
        return out;
    }

    private static int[] columns(List<String> names, Map<String, Integer> col, SourceSpec s, String key) {
        int[] idx = new int[names.size()];
        for (int i = 0; i < names.size(); i++) {
            Integer c = col.get(names.get(i));
            if (c == null) {
                throw new ConfigException(s.loc(), s.path() + "." + key + ": no column '" + names.get(i) + "' in " + s.label() + " "
                        + Names.suggest(names.get(i), col.keySet()));
            }
            idx[i] = c;
        }
        return idx;
    }

    /** The finite number in a CSV cell, or a bad-input error naming {@code file:line}, the column and the text. */
    public static double number(String text, String file, long line, String column) {
        try {
            double d = Double.parseDouble(text);
            if (Double.isFinite(d)) return d;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadInputException(file + ":" + line + ": column '" + column + "': expected a finite number, found '" + text + "'");
    }

    private static Reader open(SourceSpec s, InputStream stdin) throws IOException {
        return reader(s.stdin() ? stdin : Files.newInputStream(s.csv()), s.label());
    }

    /**
     * A UTF-8 reader over in, gunzipped when it starts with the gzip magic. A binary file (a NUL byte in its first
     * 4 KiB, once gunzipped) is refused naming what it looks like, rather than read as columns of garbage.
     *
     * @param file names the input in messages
     */
    public static Reader reader(InputStream in, String file) throws IOException {
        in = gunzipped(in);
        in.mark(4096);
        byte[] head = in.readNBytes(4096);
        in.reset();
        for (byte b : head) {
            if (b == 0) throw new BadInputException(file + ": " + binaryKind(head) + ", not CSV text");
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    /** A buffered stream over in, gunzipped when it starts with the gzip magic (1f 8b); supports mark. */
    static BufferedInputStream gunzipped(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(2);
        int b0 = buffered.read(), b1 = buffered.read();
        buffered.reset();
        return b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16) : buffered;
    }

    /** What a binary file's first bytes say it is, with the config key that reads it. */
    private static String binaryKind(byte[] head) {
        if (head.length >= 4 && head[0] == 0 && head[1] == 0 && (head[2] & 0xff) >= 0x08 && (head[2] & 0xff) <= 0x0E) {
            return "an IDX file (read it with idx: {images: PATH, labels: PATH})";
        }
        if (head.length >= 6 && (head[0] & 0xff) == 0x93 && head[1] == 'N' && head[2] == 'U' && head[3] == 'M') {
            return "a NumPy .npy file (read it with npy: {features: PATH, labels: PATH})";
        }
        return "a binary file";
    }
}
