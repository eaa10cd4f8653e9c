package nn.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import nn.core.BadInputException;
import nn.core.Names;
import nn.core.config.ConfigException;

/**
 * A CSV data source read in two passes: {@link CsvChunks} sizes it, then the chunks are parsed in parallel straight
 * into one exactly sized array, each chunk into its own rows, with no object per cell ({@link CsvRecords},
 * {@link Decimal}). The features are held as float32 when every value is exactly one (or, when narrow asks for it,
 * within float32's range), else as float64: the first chunk decides, and a later value that does not fit makes the
 * whole source be parsed again into float64. Errors name {@code file:line}, the column and the text; when several chunks hold errors, the first in the
 * file is the one reported.
 */
final class CsvSource {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CsvSource.class);
    private final SourceSpec s;
    private final String file;
    private final CsvChunks text;
    private final int width, nin;
    private final int[] fi, ti;
    private final List<String> features, targets;
    private Progress.Task task = Progress.Task.NONE;

    private CsvSource(SourceSpec s, CsvChunks text) {
        this.s = s;
        this.file = s.label();
        this.text = text;
        if (text.header == null) throw new BadInputException(file + ":1: no header row (expected column names)");
        CsvRecords h = new CsvRecords(text.header.bytes(), 0, text.header.length(), text.header.firstLine(), s.delimiter(), file);
        if (!h.next()) throw new BadInputException(file + ":1: no header row (expected column names)");
        width = h.cells();
        List<String> names = new ArrayList<>(width);
        for (int i = 0; i < width; i++) names.add(h.text(i));
        Map<String, Integer> col = CsvHeader.index(names, file);
        List<String> t = s.target() != null ? List.of(s.target()) : s.targets();
        List<String> f = s.features();
        if (f.isEmpty()) {
            f = new ArrayList<>();
            for (String name : col.keySet()) if (!t.contains(name)) f.add(name);
        }
        if (f.isEmpty()) {
            String why = "no feature columns: every column of " + file + " is a target (" + String.join(", ", t)
                    + "); a CSV needs a column per input besides the target";
            throw s.path() == null ? new BadInputException(file + ":1: " + why) : new ConfigException(s.loc(), s.path() + ".features: " + why);
        }
        features = List.copyOf(f);
        targets = List.copyOf(t);
        fi = columns(features, col, "features");
        ti = columns(targets, col, s.target() != null ? "target" : "targets");
        nin = fi.length;
    }

    /**
     * @param classes the class order to encode labels with, or null to take it from these rows
     * @param narrow  hold the features as float32 even where that rounds them
     */
    static Dataset read(SourceSpec s, List<String> classes, InputStream stdin, boolean narrow, Progress progress) throws IOException {
        long size = s.stdin() ? -1 : Files.size(s.csv());
        try (Progress.Task task = size >= Progress.SHOWN_FROM ? progress.start("loading " + s.csv().getFileName(), 2 * size) : Progress.Task.NONE) {
            return read(s, classes, stdin, narrow, CsvChunks.TARGET, task);
        }
    }

    /** {@link #read(SourceSpec, List, InputStream, boolean)} in chunks of about target bytes (tests use small ones). */
    static Dataset read(SourceSpec s, List<String> classes, InputStream stdin, boolean narrow, int target) throws IOException {
        return read(s, classes, stdin, narrow, target, Progress.Task.NONE);
    }

    /**
     * As {@link #read(SourceSpec, List, InputStream, boolean, int)}, telling task of the bytes as they are scanned and
     * again as they are parsed (so a plain file's total is twice its size; gzip'd text counts its uncompressed bytes).
     */
    static Dataset read(SourceSpec s, List<String> classes, InputStream stdin, boolean narrow, int target, Progress.Task task)
            throws IOException {
        long t0 = System.nanoTime();
        CsvChunks text;
        if (s.stdin()) {
            try {
                text = CsvChunks.scan(Sources.gunzipped(stdin), null, s.delimiter(), s.label(), target, task);
            } catch (java.util.zip.ZipException | java.io.EOFException e) { // only gzip'd input throws these
                throw notGzip(s, e);
            }
        } else {
            try (java.io.BufferedInputStream raw = new java.io.BufferedInputStream(Files.newInputStream(s.csv()), 1 << 16)) {
                boolean gzip = Sources.gzip(raw);
                try {
                    InputStream in = gzip ? Sources.gunzipped(raw) : raw;
                    text = CsvChunks.scan(in, gzip ? null : s.csv(), s.delimiter(), s.label(), target, task);
                } catch (java.util.zip.ZipException | java.io.EOFException e) {
                    if (!gzip) throw e;
                    throw notGzip(s, e);
                }
            }
        }
        log.debug("{}: first pass {} s: {} rows in {} chunks", s.label(), String.format(java.util.Locale.ROOT, "%.2f", (System.nanoTime() - t0) / 1e9),
                text.rows, text.chunks.size());
        CsvSource source = new CsvSource(s, text);
        source.task = task;
        if (text.header != null) task.add(text.header.length()); // the header is parsed already
        return source.parse(0, source.chunks(), classes, narrow);
    }

    /** Input that starts with gzip's magic bytes (1f 8b) but does not go on as gzip: damaged, cut short, or not gzip at all. */
    private static BadInputException notGzip(SourceSpec s, java.io.IOException e) {
        String m = String.valueOf(e.getMessage());
        String why = e instanceof java.io.EOFException ? "it ends before its compressed data does" : m.substring(0, 1).toLowerCase(java.util.Locale.ROOT) + m.substring(1);
        return new BadInputException(s.label() + ": not valid gzip data: " + why + " (it starts with gzip's magic bytes 1f 8b, but is damaged,"
                + " cut short or not gzip'd at all; gunzip -t checks it)", e);
    }

    /** Opens s for reading a chunk at a time (stream: true): the first pass only. Plain files only. */
    static CsvSource open(SourceSpec s) throws IOException {
        try (java.io.BufferedInputStream raw = new java.io.BufferedInputStream(Files.newInputStream(s.csv()), 1 << 16)) {
            if (Sources.gzip(raw)) throw new BadInputException(s.label() + ": stream: true reads plain CSV files by position, and this one is gzip'd (gunzip it first)");
            return new CsvSource(s, CsvChunks.scan(raw, s.csv(), s.delimiter(), s.label(), CsvChunks.TARGET));
        }
    }

    int chunks() {
        return text.chunks.size();
    }

    long rows() {
        return text.rows;
    }

    /** The rows of chunk c alone, in file order, with class labels one-hot in the given order. */
    Dataset chunk(int c, List<String> classes, boolean narrow) throws IOException {
        return parse(c, c + 1, classes, narrow);
    }

    /** No rows, with this source's columns (and the given classes). */
    Dataset empty(List<String> classes) throws IOException {
        return parse(0, 0, classes, false);
    }

    /** Every class label in the file, in the order {@link Sources#classOrder} gives (one more pass over the file). */
    List<String> classes() throws IOException {
        java.util.Set<String> seen = new java.util.LinkedHashSet<>();
        for (int c = 0; c < chunks(); c++) {
            int records = text.chunks.get(c).records();
            LabelTable[] tables = new LabelTable[chunks()];
            parse(c, 0, Values.zeros((long) records * nin, true), null, new int[records], tables);
            seen.addAll(tables[c].names);
        }
        return Sources.classOrder(new ArrayList<>(seen));
    }

    /** Chunks c0..c1 as one data set. */
    private Dataset parse(int c0, int c1, List<String> classes, boolean narrow) throws IOException {
        int chunks = text.chunks.size();
        long[] start = new long[chunks + 1];
        for (int c = 0; c < chunks; c++) start[c + 1] = start[c] + text.chunks.get(c).records();
        if (start[c1] - start[c0] > Integer.MAX_VALUE) {
            throw new BadInputException(file + ": " + text.rows + " rows, more than nn holds in memory (read it with stream: true)");
        }
        int n = (int) (start[c1] - start[c0]);
        int[] rowStart = new int[chunks + 1];
        for (int c = c0; c <= c1; c++) rowStart[c] = (int) (start[c] - start[c0]);
        boolean labels = s.target() != null;
        int nt = ti.length;
        Values x = allocate((long) n * nin, true, narrow, n);
        double[] y = labels ? null : new double[n * nt];
        int[] ids = labels ? new int[n] : null;
        LabelTable[] tables = new LabelTable[chunks];
        boolean exact = c0 == c1 || parse(c0, rowStart[c0], x, y, ids, tables);
        if (!exact) x = null;
        if (x != null) exact &= parseAll(c0 + 1, c1, rowStart, x, y, ids, tables);
        if (!exact) {
            x = null;
            x = allocate((long) n * nin, false, false, n);
            parseAll(c0, c1, rowStart, x, y, ids, tables);
        }
        if (!labels) return new Dataset(file, x, s.divisor(), y, n, nin, nt, features, targets, null);
        if (classes == null) {
            java.util.Set<String> seen = new java.util.LinkedHashSet<>();
            for (int c = c0; c < c1; c++) seen.addAll(tables[c].names);
            classes = Sources.classOrder(new ArrayList<>(seen));
        }
        return new Dataset(file, x, s.divisor(), oneHot(classes, c0, c1, rowStart, ids, tables, n), n, nin, classes.size(), features, targets,
                List.copyOf(classes));
    }

    /** The one-hot targets (n × classes) of the label ids each chunk's table gave its rows. */
    private double[] oneHot(List<String> classes, int c0, int c1, int[] rowStart, int[] ids, LabelTable[] tables, int n) {
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int k = 0; k < classes.size(); k++) index.put(classes.get(k), k);
        int nout = classes.size();
        double[] y = new double[n * nout];
        for (int c = c0; c < c1; c++) {
            LabelTable t = tables[c];
            int[] global = new int[t.names.size()];
            long badLine = Long.MAX_VALUE;
            String bad = null;
            for (int k = 0; k < global.length; k++) {
                Integer g = index.get(t.names.get(k));
                if (g == null && t.lines.get(k) < badLine) {
                    badLine = t.lines.get(k);
                    bad = t.names.get(k);
                }
                global[k] = g == null ? -1 : g;
            }
            if (bad != null) {
                throw new BadInputException(file + ":" + badLine + ": column '" + s.target() + "': unknown class '" + bad
                        + "' (the training data has: " + String.join(", ", classes) + ")");
            }
            for (int r = rowStart[c]; r < rowStart[c + 1]; r++) y[r * nout + global[ids[r]]] = 1.0;
        }
        return y;
    }

    private Values allocate(long count, boolean narrow, boolean rounding, int n) {
        return Values.zeros(count, narrow, rounding, file + ": " + n + " rows × " + nin + " features");
    }

    /** Parses chunks from..to in parallel; the first error in file order is thrown. Whether every value was exact. */
    private boolean parseAll(int from, int chunks, int[] rowStart, Values x, double[] y, int[] ids, LabelTable[] tables) throws IOException {
        RuntimeException[] errors = new RuntimeException[chunks];
        IOException[] io = new IOException[1];
        boolean[] exact = new boolean[chunks];
        IntStream.range(from, chunks).parallel().forEach(c -> {
            try {
                exact[c] = parse(c, rowStart[c], x, y, ids, tables);
            } catch (RuntimeException e) {
                errors[c] = e;
            } catch (IOException e) {
                synchronized (io) {
                    io[0] = e;
                }
            }
        });
        if (io[0] != null) throw io[0];
        boolean all = true;
        for (int c = from; c < chunks; c++) {
            if (errors[c] != null) throw errors[c];
            all &= exact[c];
        }
        return all;
    }

    /** Parses chunk c into rows r0…; whether every feature was stored exactly. x, y, ids, tables[c] modified. */
    private boolean parse(int c, int r0, Values x, double[] y, int[] ids, LabelTable[] tables) throws IOException {
        CsvChunks.Chunk chunk = text.chunks.get(c);
        byte[] b = text.bytes(chunk);
        CsvRecords rec = new CsvRecords(b, 0, chunk.length(), chunk.firstLine(), s.delimiter(), file);
        LabelTable labels = ids == null ? null : (tables[c] = new LabelTable());
        int nt = ti.length;
        boolean exact = true;
        int r = r0, end = r0 + chunk.records();
        while (rec.next()) {
            if (r == end) throw new IllegalStateException(file + ":" + rec.line() + ": more records than the first pass counted");
            if (rec.cells() != width) {
                throw new BadInputException(file + ":" + rec.line() + ": expected " + width + " columns (as the header), found " + rec.cells());
            }
            for (int i = 0; i < nin; i++) exact &= x.set(r * nin + i, number(rec, fi[i], features.get(i)));
            if (labels != null) {
                ids[r] = label(rec, ti[0], labels);
            } else {
                for (int j = 0; j < nt; j++) y[r * nt + j] = number(rec, ti[j], targets.get(j));
            }
            r++;
        }
        if (r != end) throw new IllegalStateException(file + ": chunk " + c + " has " + (r - r0) + " records, the first pass counted " + chunk.records());
        task.add(chunk.length());
        return exact;
    }

    private double number(CsvRecords rec, int col, String name) {
        double v = Decimal.parse(rec.bytes(), rec.from(col), rec.to(col));
        if (v != v) throw new BadInputException(file + ":" + rec.line() + ": column '" + name + "': expected a finite number, found '" + rec.text(col) + "'");
        return v;
    }

    private int label(CsvRecords rec, int col, LabelTable labels) {
        if (rec.to(col) == rec.from(col)) throw new BadInputException(file + ":" + rec.line() + ": column '" + s.target() + "': empty class label");
        if (!rec.escaped(col)) return labels.id(rec.bytes(), rec.from(col), rec.to(col), rec.line());
        byte[] t = rec.text(col).getBytes(StandardCharsets.UTF_8);
        return labels.id(t, 0, t.length, rec.line());
    }

    private int[] columns(List<String> names, Map<String, Integer> col, String key) {
        int[] idx = new int[names.size()];
        for (int i = 0; i < names.size(); i++) {
            Integer c = col.get(names.get(i));
            if (c == null && s.path() == null) {
                throw new BadInputException(file + ":1: no " + (key.equals("features") ? "feature" : "target") + " column '" + names.get(i)
                        + "' " + Names.suggest(names.get(i), col.keySet()));
            }
            if (c == null) {
                throw new ConfigException(s.loc(), s.path() + "." + key + ": no column '" + names.get(i) + "' in " + s.label() + " "
                        + Names.suggest(names.get(i), col.keySet()));
            }
            idx[i] = c;
        }
        return idx;
    }
}
