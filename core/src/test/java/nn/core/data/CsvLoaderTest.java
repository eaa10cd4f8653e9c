package nn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.zip.GZIPOutputStream;
import nn.core.BadInputException;
import nn.core.config.Loc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The two-pass CSV loader ({@link CsvChunks}, {@link CsvRecords}, {@link CsvSource}) end to end, in chunks of every size. */
class CsvLoaderTest {
    @TempDir
    Path dir;

    private static final InputStream NO_STDIN = new ByteArrayInputStream(new byte[0]);
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** Chunk targets: one record per chunk, a few records per chunk, and the whole file in one. */
    static IntStream targets() {
        return IntStream.of(1, 7, 64, 1 << 20);
    }

    // ---- helpers

    private Path write(String name, String text) throws IOException {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(b);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static SourceSpec spec(Path csv, List<String> features, List<String> targets, String target, char delimiter) {
        return new SourceSpec("data.train", new Loc("test.yaml", 3, 10), null, csv, false, features, targets, target, delimiter);
    }

    private static SourceSpec numeric(Path csv, List<String> features, List<String> targets) {
        return spec(csv, features, targets, null, ',');
    }

    private static SourceSpec labelled(Path csv, String target) {
        return spec(csv, List.of(), List.of(), target, ',');
    }

    private static SourceSpec stdin(List<String> targets, String target) {
        return new SourceSpec("data.train", new Loc("test.yaml", 3, 10), null, null, true, List.of(), targets, target, ',');
    }

    private static Dataset read(SourceSpec s, int target) throws IOException {
        return CsvSource.read(s, null, NO_STDIN, false, target);
    }

    private static Dataset readStdin(SourceSpec s, byte[] in, int target) throws IOException {
        return CsvSource.read(s, null, new ByteArrayInputStream(in), false, target);
    }

    private static String failure(SourceSpec s, int target) {
        return assertThrows(BadInputException.class, () -> read(s, target)).getMessage();
    }

    /** The one-hot rows of labels in the order classes. */
    private static double[] oneHot(List<String> labels, List<String> classes) {
        double[] y = new double[labels.size() * classes.size()];
        for (int r = 0; r < labels.size(); r++) {
            int k = classes.indexOf(labels.get(r));
            assertTrue(k >= 0, labels.get(r));
            y[r * classes.size() + k] = 1;
        }
        return y;
    }

    private static void assertBits(double[] want, double[] got, String what) {
        assertEquals(want.length, got.length, what + ": length");
        for (int i = 0; i < want.length; i++) {
            if (Double.doubleToRawLongBits(want[i]) != Double.doubleToRawLongBits(got[i])) {
                throw new AssertionError(what + "[" + i + "]: expected " + want[i] + ", got " + got[i]);
            }
        }
    }

    // ---- quoting

    @ParameterizedTest
    @MethodSource("targets")
    void quotedNumbersAndLabelsAreUnquoted(int target) throws IOException {
        Path f = write("q.csv", """
                a,"b",label
                "1.5",2,"a,b"
                3," 4 ","say ""hi\"""
                5,6,a"b
                7,8,"a""b"
                9,10,"a,b"
                """);
        Dataset d = read(labelled(f, "label"), target);
        assertEquals(List.of("a", "b"), d.features());
        assertArrayEquals(new double[] {1.5, 2, 3, 4, 5, 6, 7, 8, 9, 10}, d.x());
        assertEquals(List.of("a\"b", "a,b", "say \"hi\""), d.classes());
        assertArrayEquals(new double[] {0, 1, 0, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 0}, d.y());
    }

    @ParameterizedTest
    @MethodSource("targets")
    void aQuotedNewlineInALabelIsPartOfTheLabel(int target) throws IOException {
        Path f = write("q.csv", "x,label\n1,\"multi\nline\"\n2,ok\n3,\"multi\nline\"\n");
        Dataset d = read(labelled(f, "label"), target);
        assertEquals(3, d.n());
        assertEquals(List.of("multi\nline", "ok"), d.classes());
        assertArrayEquals(new double[] {1, 0, 0, 1, 1, 0}, d.y());
    }

    @ParameterizedTest
    @MethodSource("targets")
    void linesInsideQuotedCellsCountForLaterErrors(int target) throws IOException {
        Path f = write("q.csv", """
                x,y,label
                1,2,"multi
                line"
                3,4,ok
                5,6,"two
                more
                lines"
                oops,8,ok
                """);
        assertEquals(f + ":8: column 'x': expected a finite number, found 'oops'", failure(labelled(f, "label"), target));
    }

    @ParameterizedTest
    @MethodSource("targets")
    void linesInsideQuotedCellsCountForColumnCountErrors(int target) throws IOException {
        Path f = write("q.csv", "x,label\n1,\"a\n\nb\"\n2,c\n3\n");
        assertEquals(f + ":6: expected 2 columns (as the header), found 1", failure(labelled(f, "label"), target));
    }

    @ParameterizedTest
    @MethodSource("targets")
    void anUnterminatedQuoteNamesTheLineItOpensOn(int target) throws IOException {
        Path f = write("u.csv", "a,y\n1,2\n3,\"4\n5,6\n7,8\n");
        assertEquals(f + ":3: a quoted cell is never closed (a \" is missing)", failure(numeric(f, List.of("a"), List.of("y")), target));
    }

    @Test
    void anUnterminatedQuoteInTheHeaderIsBadInput() throws IOException {
        Path f = write("u.csv", "a,\"y\n1,2\n");
        assertTrue(failure(numeric(f, List.of("a"), List.of("y")), 7).startsWith(f + ":1: a quoted cell is never closed"));
    }

    @ParameterizedTest
    @MethodSource("targets")
    void textAfterAClosingQuoteIsBadInput(int target) throws IOException {
        Path f = write("t.csv", "a,y\n1,2\n\"3\"x,4\n");
        assertEquals(f + ":3: column 1: text after a closing quote (quote the whole cell)", failure(numeric(f, List.of("a"), List.of("y")), target));
    }

    // ---- line ends, BOM, blank lines, spaces

    @ParameterizedTest
    @MethodSource("targets")
    void crlfLineEnds(int target) throws IOException {
        Path f = write("c.csv", "a,b,y\r\n1,2,3\r\n\"4\",5.5,6\r\n7,8,9\r\n");
        Dataset d = read(numeric(f, List.of("a", "b"), List.of("y")), target);
        assertArrayEquals(new double[] {1, 2, 4, 5.5, 7, 8}, d.x());
        assertArrayEquals(new double[] {3, 6, 9}, d.y());
    }

    @ParameterizedTest
    @MethodSource("targets")
    void crlfErrorsNameTheLineWithoutTheCarriageReturn(int target) throws IOException {
        Path f = write("c.csv", "a,y\r\n1,2\r\n\r\n3,x\r\n");
        assertEquals(f + ":4: column 'y': expected a finite number, found 'x'", failure(numeric(f, List.of("a"), List.of("y")), target));
    }

    @ParameterizedTest
    @MethodSource("targets")
    void crlfInsideAQuotedLabelCountsAsOneLine(int target) throws IOException {
        Path ok = write("ok.csv", "x,label\r\n1,\"p\r\nq\"\r\n2,r\r\n");
        Dataset d = read(labelled(ok, "label"), target);
        assertEquals(List.of("p\r\nq", "r"), d.classes());
        Path bad = write("bad.csv", "x,label\r\n1,\"p\r\nq\"\r\n2,r\r\nz,r\r\n");
        assertEquals(bad + ":5: column 'x': expected a finite number, found 'z'", failure(labelled(bad, "label"), target));
    }

    @ParameterizedTest
    @MethodSource("targets")
    void aUtf8ByteOrderMarkBeforeTheHeaderIsSkipped(int target) throws IOException {
        Path f = write("bom.csv", concat(BOM, "a,y\n1,2\n3,4\n".getBytes(StandardCharsets.UTF_8)));
        Dataset d = read(numeric(f, List.of("a"), List.of("y")), target);
        assertEquals(List.of("a"), d.features());
        assertArrayEquals(new double[] {1, 3}, d.x());
        assertArrayEquals(new double[] {2, 4}, d.y());
    }

    @ParameterizedTest
    @MethodSource("targets")
    void aByteOrderMarkDoesNotShiftLineNumbersOrRereadOffsets(int target) throws IOException {
        StringBuilder s = new StringBuilder("a,y\n");
        for (int r = 0; r < 30; r++) s.append(r).append(',').append(r * 0.5).append('\n');
        s.append("7,bad\n");
        Path f = write("bom.csv", concat(BOM, s.toString().getBytes(StandardCharsets.UTF_8)));
        assertEquals(f + ":32: column 'y': expected a finite number, found 'bad'", failure(numeric(f, List.of("a"), List.of("y")), target));
    }

    @ParameterizedTest
    @MethodSource("targets")
    void blankLinesBetweenRowsAndAtTheEndAreSkipped(int target) throws IOException {
        Path f = write("b.csv", "a,y\n\n1,2\n   \n\t\n3,4\n\r\n\n\n");
        Dataset d = read(numeric(f, List.of("a"), List.of("y")), target);
        assertEquals(2, d.n());
        assertArrayEquals(new double[] {1, 3}, d.x());
        assertArrayEquals(new double[] {2, 4}, d.y());
    }

    @ParameterizedTest
    @MethodSource("targets")
    void blankLinesCountForErrorLines(int target) throws IOException {
        Path f = write("b.csv", "a,y\n\n1,2\n  \n\n3,4\n\nbad,5\n\n");
        assertEquals(f + ":8: column 'a': expected a finite number, found 'bad'", failure(numeric(f, List.of("a"), List.of("y")), target));
    }

    @ParameterizedTest
    @MethodSource("targets")
    void aFinalRowWithoutANewlineIsRead(int target) throws IOException {
        for (String text : new String[] {"a,y\n1,2\n3,4", "a,y\r\n1,2\r\n3,4", "a,y\n1,2\n3,\"4\"", "a,y\n1,2\n3,4  "}) {
            Dataset d = read(numeric(write("f.csv", text), List.of("a"), List.of("y")), target);
            assertArrayEquals(new double[] {1, 3}, d.x(), text);
            assertArrayEquals(new double[] {2, 4}, d.y(), text);
        }
    }

    @ParameterizedTest
    @MethodSource("targets")
    void spacesAndTabsAroundCellsAreIgnored(int target) throws IOException {
        Path f = write("s.csv", "  a , y \n 1 ,\t2\t\n\t-3.5  ,  4e1 \n \"1.5\" , \" 6 \" \n");
        Dataset d = read(numeric(f, List.of("a"), List.of("y")), target);
        assertArrayEquals(new double[] {1, -3.5, 1.5}, d.x());
        assertArrayEquals(new double[] {2, 40, 6}, d.y());
    }

    @ParameterizedTest
    @MethodSource("targets")
    void tabDelimitedWithSpacesInsideLabels(int target) throws IOException {
        Path f = write("t.tsv", "a\tlabel\tb\n1.5\tcat\t2\n -1 \tbig dog\t3e-1\n");
        Dataset d = read(spec(f, List.of(), List.of(), "label", '\t'), target);
        assertEquals(List.of("a", "b"), d.features());
        assertArrayEquals(new double[] {1.5, 2, -1, 0.3}, d.x());
        assertEquals(List.of("big dog", "cat"), d.classes());
        assertArrayEquals(new double[] {0, 1, 1, 0}, d.y());
    }

    @ParameterizedTest
    @MethodSource("targets")
    void anEmptyTabSeparatedCellIsNotABlank(int target) throws IOException {
        Path f = write("t.tsv", "a\ty\n1\t2\n3\t\n");
        assertEquals(f + ":3: column 'y': expected a finite number, found ''", failure(spec(f, List.of("a"), List.of("y"), null, '\t'), target));
    }

    // ---- gzip and standard input

    /** 200 rows with labels, quoted cells and blank lines; x[r] = {r, r / 8}, y[r] = r * 0.1, labels cycle. */
    private static String mixedText() {
        StringBuilder s = new StringBuilder("id,half,label,y\n");
        for (int r = 0; r < 200; r++) {
            if (r % 17 == 0) s.append('\n');
            s.append(r).append(',').append(r % 5 == 0 ? "\"" + r / 8.0 + "\"" : Double.toString(r / 8.0)).append(',');
            s.append(r % 3 == 0 ? "\"l,\"\"" + r % 4 + "\"" : "l" + r % 4).append(',').append(r * 0.1).append('\n');
        }
        return s.toString();
    }

    private static void assertMixed(Dataset d) {
        double[] x = new double[400], y = new double[200];
        List<String> labels = new ArrayList<>();
        for (int r = 0; r < 200; r++) {
            x[2 * r] = r;
            x[2 * r + 1] = r / 8.0;
            y[r] = r * 0.1;
            labels.add(r % 3 == 0 ? "l,\"" + r % 4 : "l" + r % 4);
        }
        assertEquals(200, d.n());
        assertBits(x, d.x(), "x");
        List<String> classes = List.copyOf(new TreeSet<>(labels));
        assertEquals(classes, d.classes());
        assertBits(oneHot(labels, classes), d.y(), "y");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void aGzipFileReadsTheSameAsPlain(int target) throws IOException {
        byte[] text = mixedText().getBytes(StandardCharsets.UTF_8);
        Path gz = write("m.csv.gz", gzip(text));
        SourceSpec s = spec(gz, List.of("id", "half"), List.of(), "label", ',');
        assertMixed(read(s, target));
        assertMixed(read(spec(write("m.csv", text), List.of("id", "half"), List.of(), "label", ','), target));
    }

    @ParameterizedTest
    @MethodSource("targets")
    void standardInputPlainAndGzipped(int target) throws IOException {
        byte[] text = mixedText().getBytes(StandardCharsets.UTF_8);
        SourceSpec s = new SourceSpec("data.train", new Loc("test.yaml", 3, 10), null, null, true, List.of("id", "half"), List.of(), "label", ',');
        assertMixed(readStdin(s, text, target));
        assertMixed(readStdin(s, gzip(text), target));
    }

    @ParameterizedTest
    @MethodSource("targets")
    void standardInputWithAByteOrderMarkAndErrors(int target) throws IOException {
        byte[] text = concat(BOM, "a,y\n1,2\n3,4\n\n5,?\n".getBytes(StandardCharsets.UTF_8));
        SourceSpec s = stdin(List.of("y"), null);
        for (byte[] in : List.of(text, gzip(text))) {
            BadInputException e = assertThrows(BadInputException.class, () -> readStdin(s, in, target));
            assertEquals("<stdin>:5: column 'y': expected a finite number, found '?'", e.getMessage());
        }
        Dataset d = readStdin(s, gzip(concat(BOM, "a,y\n1,2\n3,4".getBytes(StandardCharsets.UTF_8))), target);
        assertEquals(List.of("a"), d.features());
        assertArrayEquals(new double[] {1, 3}, d.x());
        assertArrayEquals(new double[] {2, 4}, d.y());
    }

    @ParameterizedTest
    @MethodSource("targets")
    void gzipErrorsNameTheLine(int target) throws IOException {
        Path gz = write("e.csv.gz", gzip("a,y\n1,2\n3,4\n5,\"6\n7\"\n8,9\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(gz + ":4: column 'y': expected a finite number, found '6\n7'", failure(numeric(gz, List.of("a"), List.of("y")), target));
    }

    /** Bytes that start with gzip's magic but go on as no gzip (here: an unknown compression method), or stop short. */
    @ParameterizedTest
    @MethodSource("targets")
    void gzipMagicWithoutGzipDataIsNamedAsSuch(int target) throws IOException {
        byte[] good = gzip("a,y\n1,2\n3,4\n".getBytes(StandardCharsets.UTF_8));
        byte[] method = good.clone();
        method[2] = 7; // 8 is deflate, the only method gzip has
        Path bad = write("bad.csv.gz", method);
        assertEquals(bad + ": not valid gzip data: unsupported compression method (it starts with gzip's magic bytes 1f 8b, but is damaged,"
                + " cut short or not gzip'd at all; gunzip -t checks it)", failure(numeric(bad, List.of("a"), List.of("y")), target));
        Path cut = write("cut.csv.gz", java.util.Arrays.copyOf(good, good.length / 2));
        assertTrue(failure(numeric(cut, List.of("a"), List.of("y")), target).startsWith(cut + ": not valid gzip data: "));
        SourceSpec in = stdin(List.of("y"), null);
        String piped = assertThrows(BadInputException.class, () -> readStdin(in, method, target)).getMessage();
        assertTrue(piped.startsWith("<stdin>: not valid gzip data: unsupported compression method"), piped);
    }

    // ---- columns

    /** Every column a target: no features, said at the source (or at the file, for a source named on the command line). */
    @Test
    void aFileOfOnlyTargetColumnsHasNoFeatures() throws IOException {
        Path f = write("t.csv", "y\nno\nyes\n");
        assertEquals("test.yaml:3:10: data.train.features: no feature columns: every column of " + f + " is a target (y); a CSV needs a"
                + " column per input besides the target", failure(labelled(f, "y"), 1 << 20));
        SourceSpec cli = new SourceSpec(null, new Loc(f.toString(), 0, 0), null, f, false, List.of(), List.of(), "y", ',');
        assertTrue(failure(cli, 1 << 20).startsWith(f + ":1: no feature columns: "));
    }

    /** A missing column of a source named on the command line (nn eval) is named at the file's header, without a config path. */
    @Test
    void aMissingColumnOfACommandLineFileIsNamedAtItsHeader() throws IOException {
        Path f = write("p.csv", "a,b\n0,0\n");
        SourceSpec target = new SourceSpec(null, new Loc(f.toString(), 0, 0), null, f, false, List.of("a", "b"), List.of(), "y", ',');
        assertEquals(f + ":1: no target column 'y' (did you mean a? known: a, b)", failure(target, 1 << 20));
        SourceSpec feature = new SourceSpec(null, new Loc(f.toString(), 0, 0), null, f, false, List.of("a", "c"), List.of("b"), null, ',');
        assertEquals(f + ":1: no feature column 'c' (did you mean a? known: a, b)", failure(feature, 1 << 20));
    }

    // ---- class labels and numeric targets

    @ParameterizedTest
    @MethodSource("targets")
    void classesFirstSeenInDifferentChunksAreSortedAndOneHot(int target) throws IOException {
        List<String> labels = new ArrayList<>();
        for (int r = 0; r < 80; r++) {
            labels.add(r < 20 ? "zeta" : r < 40 ? (r % 2 == 0 ? "alpha" : "zeta") : r < 60 ? (r % 3 == 0 ? "mid" : "alpha") : (r % 4 == 0 ? "beta" : "mid"));
        }
        StringBuilder s = new StringBuilder("x,label\n");
        for (int r = 0; r < 80; r++) s.append(r).append(',').append(labels.get(r)).append('\n');
        Path f = write("c.csv", s.toString());
        if (target < 64) {
            try (InputStream in = Files.newInputStream(f)) {
                assertTrue(CsvChunks.scan(in, f, ',', "c", target).chunks.size() >= 10, "many chunks");
            }
        }
        Dataset d = read(labelled(f, "label"), target);
        List<String> classes = List.of("alpha", "beta", "mid", "zeta");
        assertEquals(classes, d.classes());
        assertEquals(4, d.nout());
        assertArrayEquals(oneHot(labels, classes), d.y());
        assertArrayEquals(IntStream.range(0, 80).asDoubleStream().toArray(), d.x());
    }

    @ParameterizedTest
    @MethodSource("targets")
    void numericLabelsFromDifferentChunksAreSortedNumerically(int target) throws IOException {
        String[] first = {"10", "2", "-1", "3.5", "0"};
        List<String> labels = new ArrayList<>();
        for (int r = 0; r < 50; r++) labels.add(first[Math.min(r / 10, 4) - (r % 10 == 9 && r >= 10 ? 1 : 0)]);
        StringBuilder s = new StringBuilder("x,label\n");
        for (int r = 0; r < 50; r++) s.append(r).append(',').append(labels.get(r)).append('\n');
        Dataset d = read(labelled(write("n.csv", s.toString()), "label"), target);
        List<String> classes = List.of("-1", "0", "2", "3.5", "10");
        assertEquals(classes, d.classes());
        assertArrayEquals(oneHot(labels, classes), d.y());
    }

    @ParameterizedTest
    @MethodSource("targets")
    void givenClassesKeepTheirOrder(int target) throws IOException {
        Path f = write("v.csv", "x,label\n1,c\n2,a\n3,c\n4,a\n5,c\n");
        Dataset d = CsvSource.read(labelled(f, "label"), List.of("c", "b", "a"), NO_STDIN, false, target);
        assertEquals(List.of("c", "b", "a"), d.classes());
        assertArrayEquals(new double[] {1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0}, d.y());
    }

    @ParameterizedTest
    @MethodSource("targets")
    void theFirstUnknownClassInFileOrderIsReported(int target) throws IOException {
        StringBuilder s = new StringBuilder("x,label\n");
        for (int r = 0; r < 40; r++) s.append(r).append(',').append(r == 12 ? "bird" : r == 30 ? "ant" : r == 31 ? "bird" : "cat").append('\n');
        Path f = write("v.csv", s.toString());
        BadInputException e = assertThrows(BadInputException.class,
                () -> CsvSource.read(labelled(f, "label"), List.of("cat", "dog"), NO_STDIN, false, target));
        assertEquals(f + ":14: column 'label': unknown class 'bird' (the training data has: cat, dog)", e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("targets")
    void numericTargetsInTheGivenOrder(int target) throws IOException {
        Path f = write("t.csv", "f1,t1,f2,t2\n1,0.1,2,-3\n4,5e-1,6,7.25\n8,9,10,1e10\n");
        Dataset d = read(numeric(f, List.of("f2", "f1"), List.of("t2", "t1")), target);
        assertEquals(List.of("f2", "f1"), d.features());
        assertEquals(List.of("t2", "t1"), d.targets());
        assertArrayEquals(new double[] {2, 1, 6, 4, 10, 8}, d.x());
        assertArrayEquals(new double[] {-3, 0.1, 7.25, 0.5, 1e10, 9}, d.y());
        assertNull(d.classes());
    }

    // ---- errors

    @ParameterizedTest
    @MethodSource("targets")
    void anErrorInALateChunkNamesFileLineAndColumn(int target) throws IOException {
        StringBuilder s = new StringBuilder("a,b,y\n");
        for (int r = 0; r < 100; r++) s.append(r).append(',').append(r == 88 ? "x" : r + 0.5).append(',').append(r).append('\n');
        Path f = write("late.csv", s.toString());
        assertEquals(f + ":90: column 'b': expected a finite number, found 'x'", failure(numeric(f, List.of("a", "b"), List.of("y")), target));
    }

    /** Rows of "r,r,r" (lines 2–101) with the given lines replaced. */
    private Path withBadLines(String name, String... lineAndText) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("a,b,y");
        for (int r = 0; r < 100; r++) lines.add(r + "," + r + "," + r);
        for (int i = 0; i < lineAndText.length; i += 2) lines.set(Integer.parseInt(lineAndText[i]) - 1, lineAndText[i + 1]);
        return write(name, String.join("\n", lines) + "\n");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void theEarliestOfSeveralBadCellsIsReported(int target) throws IOException {
        Path f = withBadLines("e.csv", "30", "1,one,1", "55", "2,2,two", "80", "three,3,3", "99", "4,4,NaN");
        assertEquals(f + ":30: column 'b': expected a finite number, found 'one'", failure(numeric(f, List.of("a", "b"), List.of("y")), target));
    }

    @ParameterizedTest
    @MethodSource("targets")
    void theEarliestErrorIsReportedWhateverItsKind(int target) throws IOException {
        Path f = withBadLines("e.csv", "30", "1,1", "55", "2,2,two", "80", "3,3,3,3");
        assertEquals(f + ":30: expected 3 columns (as the header), found 2", failure(numeric(f, List.of("a", "b"), List.of("y")), target));
        Path g = withBadLines("g.csv", "12", "1,x,1", "40", "2,2", "41", "3,\"3");
        assertEquals(g + ":12: column 'b': expected a finite number, found 'x'", failure(numeric(g, List.of("a", "b"), List.of("y")), target));
    }

    /** An inexact value makes the loader parse again as float64; the errors found then are still reported in file order. */
    @ParameterizedTest
    @MethodSource("targets")
    void theEarliestErrorIsReportedWhenFloat64IsReparsed(int target) throws IOException {
        Path early = withBadLines("early.csv", "2", "0.1,0,0", "40", "1,oops,1", "70", "1,1,bad");
        assertEquals(early + ":40: column 'b': expected a finite number, found 'oops'", failure(numeric(early, List.of("a", "b"), List.of("y")), target));
        Path late = withBadLines("late.csv", "60", "0.1,0,0", "40", "1,oops,1", "70", "1,1,bad");
        assertEquals(late + ":40: column 'b': expected a finite number, found 'oops'", failure(numeric(late, List.of("a", "b"), List.of("y")), target));
        Path between = withBadLines("between.csv", "20", "0.1,0,0", "40", "1,oops,1", "10", "1,1,first");
        assertEquals(between + ":10: column 'y': expected a finite number, found 'first'", failure(numeric(between, List.of("a", "b"), List.of("y")), target));
    }

    @ParameterizedTest
    @MethodSource("targets")
    void wrongColumnCounts(int target) throws IOException {
        Path few = write("few.csv", "a,b\n1,2\n3\n");
        assertEquals(few + ":3: expected 2 columns (as the header), found 1", failure(numeric(few, List.of("a"), List.of("b")), target));
        Path many = write("many.csv", "a,b\n1,2\n3,4\n5,6,7\n");
        assertEquals(many + ":4: expected 2 columns (as the header), found 3", failure(numeric(many, List.of("a"), List.of("b")), target));
        Path trailing = write("trailing.csv", "a,b\n1,2,\n");
        assertEquals(trailing + ":2: expected 2 columns (as the header), found 3", failure(numeric(trailing, List.of("a"), List.of("b")), target));
    }

    @ParameterizedTest
    @MethodSource("targets")
    void aHeaderOnlyFileHasNoRows(int target) throws IOException {
        for (String text : new String[] {"a,y\n", "a,y", "a,y\r\n\r\n\n", "\n\na,y\n"}) {
            Dataset d = read(numeric(write("h.csv", text), List.of("a"), List.of("y")), target);
            assertEquals(0, d.n(), text);
            assertEquals(List.of("a"), d.features());
            assertEquals(0, d.x().length);
            assertEquals(0, d.y().length);
        }
        Dataset l = read(labelled(write("l.csv", "x,label\n"), "label"), target);
        assertEquals(0, l.n());
        assertEquals(List.of(), l.classes());
    }

    @ParameterizedTest
    @MethodSource("targets")
    void anEmptyFileHasNoHeaderRow(int target) throws IOException {
        for (byte[] text : List.of(new byte[0], "\n\n  \n".getBytes(StandardCharsets.UTF_8), BOM)) {
            Path f = write("empty.csv", text);
            assertEquals(f + ":1: no header row (expected column names)", failure(numeric(f, List.of("a"), List.of("y")), target));
        }
    }

    @Test
    void anEmptyGzipOrStandardInputHasNoHeaderRow() throws IOException {
        Path gz = write("empty.csv.gz", gzip(new byte[0]));
        assertEquals(gz + ":1: no header row (expected column names)", failure(numeric(gz, List.of("a"), List.of("y")), 7));
        BadInputException e = assertThrows(BadInputException.class, () -> readStdin(stdin(List.of("y"), null), new byte[0], 7));
        assertEquals("<stdin>:1: no header row (expected column names)", e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("targets")
    void binaryFilesAreRefused(int target) throws IOException {
        Path bin = write("b.csv", new byte[] {'a', ',', 'b', '\n', 1, 0, 2, '\n'});
        assertEquals(bin + ": a binary file, not CSV text", failure(numeric(bin, List.of("a"), List.of("b")), target));
        Path idx = write("i.csv", new byte[] {0, 0, 8, 1, 0, 0, 0, 2, 7, 9});
        assertTrue(failure(numeric(idx, List.of("a"), List.of("b")), target).startsWith(idx + ": an IDX file"));
        Path gz = write("b.csv.gz", gzip(new byte[] {'x', 0, 'y'}));
        assertEquals(gz + ": a binary file, not CSV text", failure(numeric(gz, List.of("a"), List.of("b")), target));
        BadInputException e = assertThrows(BadInputException.class, () -> readStdin(stdin(List.of("b"), null), new byte[] {'a', 0}, target));
        assertEquals("<stdin>: a binary file, not CSV text", e.getMessage());
    }

    // ---- float32 storage

    @ParameterizedTest
    @MethodSource("targets")
    void exactFeaturesAreHeldAsFloat32(int target) throws IOException {
        Path f = write("i.csv", "a,b,y\n1,2,0.1\n-0,0.5,2\n16777216,-0.25,3\n255,65535,0.3\n");
        Dataset d = read(numeric(f, List.of("a", "b"), List.of("y")), target);
        assertTrue(d.narrow());
        assertBits(new double[] {1, 2, -0.0, 0.5, 16777216, -0.25, 255, 65535}, d.x(), "x");
        assertBits(new double[] {0.1, 2, 3, 0.3}, d.y(), "targets stay float64");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void anInexactValueInALateChunkMakesEveryFeatureFloat64(int target) throws IOException {
        for (String inexact : new String[] {"0.1", "16777217", "1e300", "3.4028235677973366E38"}) {
            StringBuilder s = new StringBuilder("a,b,y\n");
            List<String> cells = new ArrayList<>();
            for (int r = 0; r < 60; r++) {
                String b = r == 57 ? inexact : Integer.toString(r * 3);
                cells.add(Integer.toString(-r));
                cells.add(b);
                s.append(-r).append(',').append(b).append(',').append(r).append('\n');
            }
            Dataset d = read(numeric(write("f.csv", s.toString()), List.of("a", "b"), List.of("y")), target);
            assertFalse(d.narrow(), inexact);
            assertBits(cells.stream().mapToDouble(Double::parseDouble).toArray(), d.x(), inexact);
        }
    }

    @ParameterizedTest
    @MethodSource("targets")
    void anInexactValueInTheFirstChunkMakesEveryFeatureFloat64(int target) throws IOException {
        StringBuilder s = new StringBuilder("a,y\n0.1,0\n");
        for (int r = 1; r < 40; r++) s.append(r).append(',').append(r).append('\n');
        Dataset d = read(numeric(write("f.csv", s.toString()), List.of("a"), List.of("y")), target);
        assertFalse(d.narrow());
        double[] x = d.x();
        assertEquals(0.1, x[0]);
        for (int r = 1; r < 40; r++) assertEquals(r, x[r]);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void narrowHoldsFloat32EvenWhenThatRounds(int target) throws IOException {
        StringBuilder s = new StringBuilder("a,y\n");
        for (int r = 0; r < 40; r++) s.append(r == 33 ? "0.1" : r == 2 ? "-2.2" : Integer.toString(r)).append(',').append(r * 0.1).append('\n');
        Dataset d = CsvSource.read(numeric(write("n.csv", s.toString()), List.of("a"), List.of("y")), null, NO_STDIN, true, target);
        assertTrue(d.narrow());
        double[] x = d.x(), y = d.y();
        assertEquals((double) (float) 0.1, x[33]);
        assertEquals((double) (float) -2.2, x[2]);
        assertTrue(x[33] != 0.1);
        for (int r = 0; r < 40; r++) {
            if (r != 2 && r != 33) assertEquals(r, x[r]);
            assertEquals(r * 0.1, y[r], "targets are not narrowed");
        }
    }

    /** A finite value beyond float32's range is never stored as infinity: the source falls back to float64. */
    @ParameterizedTest
    @MethodSource("targets")
    void narrowKeepsFloat64WhenAValueIsBeyondFloat32sRange(int target) throws IOException {
        StringBuilder s = new StringBuilder("a,y\n");
        for (int r = 0; r < 40; r++) s.append(r == 31 ? "1e300" : r == 5 ? "0.1" : Integer.toString(r)).append(',').append(r).append('\n');
        Dataset d = CsvSource.read(numeric(write("big.csv", s.toString()), List.of("a"), List.of("y")), null, NO_STDIN, true, target);
        assertFalse(d.narrow());
        double[] x = d.x();
        assertEquals(1e300, x[31]);
        assertEquals(0.1, x[5]);
    }

    /** Progress counts every byte twice for a plain file (scanned, then parsed), from however many threads. */
    @ParameterizedTest
    @MethodSource("targets")
    void progressCountsEachByteWhenScannedAndWhenParsed(int target) throws IOException {
        StringBuilder text = new StringBuilder("a,b,y\n");
        for (int r = 0; r < 5000; r++) text.append(r).append(',').append(r % 7).append(',').append(r * 0.5).append('\n');
        Path f = write("p.csv", text.toString());
        java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
        Progress.Task task = new Progress.Task() {
            @Override public void add(long units) {
                done.addAndGet(units);
            }

            @Override public void close() {}
        };
        Dataset d = CsvSource.read(numeric(f, List.of("a", "b"), List.of("y")), null, NO_STDIN, false, target, task);
        assertEquals(5000, d.n());
        assertEquals(2 * Files.size(f), done.get());
    }

    // ---- sizes beyond the scan buffer (64 KiB)

    /** 6000 rows (about 200 KB): a quoted two-line label every 97 rows, blank lines; x = {r, r / 3}. */
    private static String bigText(int badRow) {
        StringBuilder s = new StringBuilder("n,third,label\n");
        for (int r = 0; r < 6000; r++) {
            if (r % 250 == 0) s.append("\n");
            s.append(r == badRow ? "x" : Integer.toString(r)).append(',').append(r / 3.0).append(',');
            s.append(r % 97 == 0 ? "\"two\nlines\"" : "k" + r % 7).append('\n');
        }
        return s.toString();
    }

    private static void assertBig(Dataset d) {
        assertEquals(6000, d.n());
        double[] x = new double[12000];
        List<String> labels = new ArrayList<>();
        for (int r = 0; r < 6000; r++) {
            x[2 * r] = r;
            x[2 * r + 1] = r / 3.0;
            labels.add(r % 97 == 0 ? "two\nlines" : "k" + r % 7);
        }
        assertFalse(d.narrow());
        assertBits(x, d.x(), "x");
        List<String> classes = List.copyOf(new TreeSet<>(labels));
        assertEquals(classes, d.classes());
        assertBits(oneHot(labels, classes), d.y(), "y");
    }

    /** The physical line of row badRow of bigText: header, blank lines before it, and the extra line of each quoted label. */
    private static long bigLine(int badRow) {
        return 2 + badRow + (badRow / 250 + 1) + Math.floorDiv(badRow - 1, 97) + 1;
    }

    static LongStream bigTargets() {
        return LongStream.of(7, 1000, 1 << 20);
    }

    @ParameterizedTest
    @MethodSource("bigTargets")
    void aFileLargerThanTheScanBufferInEveryForm(long target) throws IOException {
        byte[] text = bigText(-1).getBytes(StandardCharsets.UTF_8);
        SourceSpec file = labelled(write("big.csv", text), "label");
        assertBig(read(file, (int) target));
        assertBig(read(labelled(write("big.csv.gz", gzip(text)), "label"), (int) target));
        SourceSpec in = stdin(List.of(), "label");
        assertBig(readStdin(in, text, (int) target));
        assertBig(readStdin(in, gzip(text), (int) target));
        assertBig(read(labelled(write("bom.csv", concat(BOM, text)), "label"), (int) target));
    }

    @ParameterizedTest
    @MethodSource("bigTargets")
    void lineNumbersStayRightPastTheScanBuffer(long target) throws IOException {
        for (int bad : new int[] {5999, 2000}) {
            Path f = write("big.csv", bigText(bad));
            String want = f + ":" + bigLine(bad) + ": column 'n': expected a finite number, found 'x'";
            assertEquals(want, failure(labelled(f, "label"), (int) target));
            Path gz = write("big.csv.gz", gzip(bigText(bad).getBytes(StandardCharsets.UTF_8)));
            assertEquals(want.replace(f.toString(), gz.toString()), failure(labelled(gz, "label"), (int) target));
        }
    }

    @Test
    void bigLineCountsTheLinesOfBigText() {
        String[] lines = bigText(-1).split("\n", -1);
        for (int bad : new int[] {0, 1, 96, 97, 98, 249, 250, 2000, 5999}) {
            assertTrue(lines[(int) bigLine(bad) - 1].startsWith(bad + ","), bad + " is on line " + bigLine(bad));
        }
    }

    @ParameterizedTest
    @MethodSource("targets")
    void aRecordLongerThanTheScanBuffer(int target) throws IOException {
        String longLabel = "w".repeat(100_000) + "\n" + "v".repeat(100_000);
        String text = "x,label\n1,a\n2,\"" + longLabel + "\"\n3,a\n4,\"" + longLabel + "\"\n5,b\nz,b\n";
        Path f = write("long.csv", text);
        assertEquals(f + ":9: column 'x': expected a finite number, found 'z'", failure(labelled(f, "label"), target));
        Dataset d = read(labelled(write("ok.csv", text.substring(0, text.length() - 4)), "label"), target);
        assertEquals(5, d.n());
        assertEquals(List.of("a", "b", longLabel), d.classes());
        assertArrayEquals(new double[] {1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 0, 1, 0}, d.y());
    }

    // ---- the first pass on its own

    @ParameterizedTest
    @MethodSource("targets")
    void chunksHoldWholeRecordsAndTheirFirstLines(int target) throws IOException {
        String text = "a,b\n1,\"x\ny\"\n\n2,z\n3,\"p,q\"\n\n\n4,w";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        CsvChunks c = CsvChunks.scan(new ByteArrayInputStream(bytes), null, ',', "t", target);
        assertEquals(4, c.rows);
        assertEquals(1, c.header.firstLine());
        assertEquals(1, c.header.records());
        List<Long> recordLines = new ArrayList<>();
        long offset = c.header.length();
        for (CsvChunks.Chunk k : c.chunks) {
            assertEquals(offset, k.offset(), "chunks are contiguous");
            offset += k.length();
            CsvRecords rec = new CsvRecords(c.bytes(k), 0, k.length(), k.firstLine(), ',', "t");
            int n = 0;
            while (rec.next()) {
                n++;
                recordLines.add(rec.line());
            }
            assertEquals(k.records(), n, "records counted in the first pass");
        }
        assertEquals(List.of(2L, 5L, 6L, 9L), recordLines);
        if (target == 1) assertEquals(4, c.chunks.size());
        if (target == 1 << 20) assertEquals(1, c.chunks.size());
    }

    // ---- the public entry

    @Test
    void sourcesLoadReadsInDefaultChunksAsFloat64OrFloat32() throws IOException {
        Path f = write("m.csv", mixedText());
        SourceSpec s = spec(f, List.of("id", "half"), List.of(), "label", ',');
        assertMixed(Sources.load(s, -1, 0, null, NO_STDIN));
        assertMixed(Sources.load(s, -1, 0, null, NO_STDIN, true));
    }

    // ---- random files against a reference

    /** A random CSV, its cells (as written, before quoting and padding), and how to read it. */
    record RandomCsv(byte[] bytes, List<String> header, int targetColumn, List<String[]> rows, boolean labels, char delimiter) {}

    private static final String[] LABELS = {"cat", "dog", "a,b", "say \"hi\"", "two\nlines", "ünï", "k1", "x;y", "K"};

    private static String number(Random r, boolean floatRange) {
        while (true) {
            String s = switch (r.nextInt(9)) {
                case 0 -> Double.toString(Double.longBitsToDouble(r.nextLong()));
                case 1 -> Integer.toString(r.nextInt(2001) - 1000);
                case 2 -> String.format(Locale.ROOT, "%." + r.nextInt(9) + "f", (r.nextDouble() * 2 - 1) * Math.pow(10, r.nextInt(8)));
                case 3 -> String.format(Locale.ROOT, "%." + r.nextInt(18) + "e", (r.nextDouble() * 2 - 1) * Math.pow(10, r.nextInt(80) - 40));
                case 4 -> Double.toString(r.nextInt(1024) / 8.0 - 64);
                case 5 -> new String[] {".5", "5.", "-0", "+3", "1E-5", "-.25", "007", "0.1", "1e22", "123456789012345678"}[r.nextInt(10)];
                case 6 -> Long.toString(r.nextLong() >> r.nextInt(64));
                default -> {
                    StringBuilder d = new StringBuilder(r.nextBoolean() ? "-" : "");
                    int n = 1 + r.nextInt(20), dot = r.nextInt(n + 1);
                    for (int i = 0; i < n; i++) {
                        if (i == dot) d.append('.');
                        d.append((char) ('0' + r.nextInt(10)));
                    }
                    yield d.toString();
                }
            };
            double v = Double.parseDouble(s);
            if (Double.isFinite(v) && (!floatRange || Math.abs(v) < 1e38)) return s;
        }
    }

    private static String pad(Random r, char delimiter) {
        return switch (r.nextInt(6)) {
            case 0 -> " ";
            case 1 -> "  ";
            case 2 -> delimiter == '\t' ? " " : "\t";
            default -> "";
        };
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static RandomCsv randomCsv(Random r, boolean narrow) {
        char delimiter = ",,,;\t".charAt(r.nextInt(5));
        int nin = 1 + r.nextInt(30), rows = r.nextInt(301), targetColumn = r.nextInt(nin + 1);
        boolean labels = r.nextInt(3) == 0;
        int style = r.nextInt(3); // 0: any numbers, 1: small integers only, 2: small integers and one 0.1
        int oddRow = rows == 0 ? -1 : r.nextInt(rows), oddCol = r.nextInt(nin);
        String eol = r.nextInt(3) == 0 ? "\r\n" : "\n";
        boolean mixedEol = r.nextInt(4) == 0;
        List<String> header = new ArrayList<>();
        for (int i = 0, f = 0; i <= nin; i++) header.add(i == targetColumn ? "t" : "c" + f++);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder s = new StringBuilder();
        if (r.nextInt(5) == 0) out.writeBytes(BOM);
        List<String[]> cells = new ArrayList<>();
        for (int row = -1; row < rows; row++) {
            String[] cell = new String[nin + 1];
            for (int i = 0, f = 0; i <= nin; i++) {
                if (row < 0) cell[i] = header.get(i);
                else if (i == targetColumn && labels) cell[i] = LABELS[r.nextInt(LABELS.length)];
                else if (style == 0 || i == targetColumn) cell[i] = number(r, narrow);
                else cell[i] = row == oddRow && f == oddCol && style == 2 ? "0.1" : Integer.toString(r.nextInt(512) - 256);
                if (i != targetColumn) f++;
            }
            if (row >= 0) cells.add(cell);
            for (int i = 0; i <= nin; i++) {
                if (i > 0) s.append(delimiter);
                String c = cell[i];
                boolean mustQuote = c.indexOf(delimiter) >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0;
                s.append(pad(r, delimiter));
                boolean number = row >= 0 && !(i == targetColumn && labels);
                if (mustQuote || r.nextInt(6) == 0) s.append(quote(number && r.nextInt(4) == 0 ? " " + c + " " : c)); // spaces inside quotes: numbers only
                else s.append(c);
                s.append(pad(r, delimiter));
            }
            boolean last = row == rows - 1;
            if (!last || r.nextBoolean()) s.append(mixedEol && r.nextBoolean() ? "\r\n" : eol);
            if (!last && r.nextInt(10) == 0) s.append(new String[] {"", " ", "\r", "  \t"}[r.nextInt(delimiter == '\t' ? 3 : 4)]).append(eol);
            if (last && r.nextInt(4) == 0 && s.charAt(s.length() - 1) == '\n') s.append(eol).append(eol);
        }
        out.writeBytes(s.toString().getBytes(StandardCharsets.UTF_8));
        return new RandomCsv(out.toByteArray(), header, targetColumn, cells, labels, delimiter);
    }

    static LongStream seeds() {
        return LongStream.range(0, 120);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void randomFilesMatchAReferenceParse(long seed) throws IOException {
        Random r = new Random(0x5eed0000L + seed);
        boolean narrow = r.nextInt(4) == 0;
        RandomCsv csv = randomCsv(r, narrow);
        int target = new int[] {1, 1 + r.nextInt(16), 1 + r.nextInt(600), 1 << 20}[r.nextInt(4)];
        int how = r.nextInt(4); // file, gzip file, standard input, gzipped standard input
        byte[] bytes = how % 2 == 1 ? gzip(csv.bytes()) : csv.bytes();
        Path f = how < 2 ? write("r.csv", bytes) : null;
        String tname = csv.header().get(csv.targetColumn());
        SourceSpec s = new SourceSpec("data.train", new Loc("test.yaml", 3, 10), null, f, how >= 2, List.of(),
                csv.labels() ? List.of() : List.of(tname), csv.labels() ? tname : null, csv.delimiter());
        String what = "seed " + seed + " (target " + target + ", " + new String[] {"file", "gzip", "stdin", "gzip stdin"}[how] + ", narrow " + narrow + ")";
        Dataset d = CsvSource.read(s, null, new ByteArrayInputStream(how >= 2 ? bytes : new byte[0]), narrow, target);

        int n = csv.rows().size(), nin = csv.header().size() - 1;
        List<String> features = new ArrayList<>(csv.header());
        features.remove(csv.targetColumn());
        assertEquals(features, d.features(), what);
        assertEquals(n, d.n(), what);
        double[] x = new double[n * nin], y = new double[csv.labels() ? 0 : n];
        List<String> labels = new ArrayList<>();
        boolean exact = true;
        for (int row = 0; row < n; row++) {
            String[] cell = csv.rows().get(row);
            for (int i = 0, k = 0; i <= nin; i++) {
                if (i == csv.targetColumn()) {
                    if (csv.labels()) labels.add(cell[i]);
                    else y[row] = Double.parseDouble(cell[i].trim());
                    continue;
                }
                double v = Double.parseDouble(cell[i].trim());
                exact &= (float) v == v;
                x[row * nin + k++] = narrow ? (float) v : v;
            }
        }
        assertEquals(narrow || exact, d.narrow(), what + ": float32 storage");
        assertBits(x, d.x(), what + ": x");
        if (csv.labels()) {
            List<String> classes = List.copyOf(new TreeSet<>(labels));
            assertEquals(classes, d.classes(), what);
            assertBits(oneHot(labels, classes), d.y(), what + ": one-hot");
        } else {
            assertBits(y, d.y(), what + ": y");
        }
    }
}
