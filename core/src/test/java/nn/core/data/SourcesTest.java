package nn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import nn.core.BadInputException;
import nn.core.config.Loc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV sources read through {@link Sources#load}: columns, class labels, gzip, delimiters and bad cells. */
class SourcesTest {
    @TempDir
    Path dir;

    private static final InputStream NO_STDIN = new ByteArrayInputStream(new byte[0]);

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static SourceSpec spec(Path csv, List<String> features, List<String> targets, String target, char delimiter) {
        return new SourceSpec("data.train", new Loc("test.yaml", 3, 10), null, csv, false, features, targets, target, delimiter);
    }

    private static SourceSpec labelled(Path csv) {
        return spec(csv, List.of(), List.of(), "species", ',');
    }

    private static Dataset load(SourceSpec s) {
        return Sources.load(s, -1, 0, null, NO_STDIN);
    }

    static final String IRISH = """
            a,species,b,c
            1.5,cat,2,-3
            0.25,dog,4e1,5
            -7,cat,0,1.0
            """;

    @Test
    void featuresRestTakesEveryNonTargetColumnInHeaderOrder() throws IOException {
        Dataset d = load(labelled(write("d.csv", IRISH)));
        assertEquals(List.of("a", "b", "c"), d.features());
        assertEquals(List.of("species"), d.targets());
        assertEquals(3, d.n());
        assertEquals(3, d.nin());
        assertArrayEquals(new double[] {1.5, 2, -3, 0.25, 40, 5, -7, 0, 1}, d.x());
    }

    @Test
    void namedFeaturesAndNumericTargetsInTheGivenOrder() throws IOException {
        Dataset d = load(spec(write("d.csv", "p,q,r,s\n1,2,3,4\n5,6,7,8\n"), List.of("r", "p"), List.of("s", "q"), null, ','));
        assertArrayEquals(new double[] {3, 1, 7, 5}, d.x());
        assertArrayEquals(new double[] {4, 2, 8, 6}, d.y());
        assertEquals(2, d.nout());
        assertNull(d.classes());
    }

    @Test
    void classLabelsAreOneHotInSortedOrder() throws IOException {
        Dataset d = load(labelled(write("d.csv", "x,species\n1,virginica\n2,setosa\n3,versicolor\n4,setosa\n")));
        assertEquals(List.of("setosa", "versicolor", "virginica"), d.classes());
        assertEquals(3, d.nout());
        assertArrayEquals(new double[] {0, 0, 1, 1, 0, 0, 0, 1, 0, 1, 0, 0}, d.y());
    }

    /** As text "10" < "2"; as numbers 1 < 2 < 10. */
    @Test
    void numericLabelsAreSortedNumerically() throws IOException {
        Dataset d = load(labelled(write("d.csv", "x,species\n1,2\n2,10\n3,1\n")));
        assertEquals(List.of("1", "2", "10"), d.classes());
        assertArrayEquals(new double[] {0, 1, 0, 0, 0, 1, 1, 0, 0}, d.y());
        Dataset e = load(labelled(write("e.csv", "x,species\n1,-1\n2,0.5\n3,-10\n4,3\n")));
        assertEquals(List.of("-10", "-1", "0.5", "3"), e.classes());
    }

    /** One label that is not a number makes the order textual. */
    @Test
    void mixedLabelsAreSortedAsText() throws IOException {
        Dataset d = load(labelled(write("d.csv", "x,species\n1,2\n2,10\n3,b\n")));
        assertEquals(List.of("10", "2", "b"), d.classes());
    }

    @Test
    void gzipReadsTheSameAsPlain() throws IOException {
        Path plain = write("d.csv", IRISH);
        Path gz = dir.resolve("d.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(IRISH.getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(Files.size(gz) != Files.size(plain) && Files.readAllBytes(gz)[0] == (byte) 0x1f, "the .gz file is gzip");
        Dataset a = load(labelled(plain)), b = load(labelled(gz));
        assertArrayEquals(a.x(), b.x());
        assertArrayEquals(a.y(), b.y());
        assertEquals(a.classes(), b.classes());
        assertEquals(a.features(), b.features());
        assertEquals(3, b.n());
    }

    @Test
    void tabDelimiter() throws IOException {
        Dataset d = load(spec(write("d.tsv", "a\tspecies\tb\n1.5\tcat\t2\n-1\tdog\t3e-1\n"), List.of(), List.of(), "species", '\t'));
        assertEquals(List.of("a", "b"), d.features());
        assertArrayEquals(new double[] {1.5, 2, -1, 0.3}, d.x());
        assertArrayEquals(new double[] {1, 0, 0, 1}, d.y());
    }

    /** A held-out file is encoded with the training classes, in their order, even when it lacks some of them. */
    @Test
    void heldOutRowsUseTheTrainingClassOrder() throws IOException {
        Dataset d = Sources.load(labelled(write("v.csv", "x,species\n1,c\n2,a\n")), -1, 0, List.of("a", "b", "c"), NO_STDIN);
        assertEquals(List.of("a", "b", "c"), d.classes());
        assertArrayEquals(new double[] {0, 0, 1, 1, 0, 0}, d.y());
    }

    @Test
    void unknownClassInAHeldOutFileNamesFileLineColumnAndClass() throws IOException {
        Path v = write("val.csv", "x,species\n1,cat\n2,cat\n3,bird\n4,dog\n");
        BadInputException e = assertThrows(BadInputException.class,
                () -> Sources.load(labelled(v), -1, 0, List.of("cat", "dog"), NO_STDIN));
        String m = e.getMessage();
        assertTrue(m.startsWith(v + ":4: "), m);
        assertTrue(m.contains("column 'species'"), m);
        assertTrue(m.contains("'bird'"), m);
    }

    @Test
    void nonNumericCellNamesFileLineAndColumn() throws IOException {
        Path f = write("d.csv", "a,b,y\n1,2,3\n4,oops,6\n");
        BadInputException e = assertThrows(BadInputException.class, () -> load(spec(f, List.of("a", "b"), List.of("y"), null, ',')));
        assertEquals(f + ":3: column 'b': expected a finite number, found 'oops'", e.getMessage());
    }

    @Test
    void emptyCellNamesFileLineAndColumn() throws IOException {
        Path f = write("d.csv", "a,b,y\n1,2,3\n4,5,6\n7,8,\n");
        BadInputException e = assertThrows(BadInputException.class, () -> load(spec(f, List.of("a", "b"), List.of("y"), null, ',')));
        assertEquals(f + ":4: column 'y': expected a finite number, found ''", e.getMessage());
    }

    /** The last line without a newline, and blank lines before the bad one, still give the bad cell's own line. */
    @Test
    void lineNumbersCountBlankLinesAndAFinalLineWithoutNewline() throws IOException {
        Path f = write("d.csv", "a,y\n1,2\n\n3,4\nx,6");
        BadInputException e = assertThrows(BadInputException.class, () -> load(spec(f, List.of("a"), List.of("y"), null, ',')));
        assertEquals(f + ":5: column 'a': expected a finite number, found 'x'", e.getMessage());
    }

    @Test
    void nonFiniteNumbersAreRejected() throws IOException {
        for (String bad : new String[] {"NaN", "Infinity", "-Infinity"}) {
            Path f = write("d.csv", "a,y\n" + bad + ",1\n");
            BadInputException e = assertThrows(BadInputException.class, () -> load(spec(f, List.of("a"), List.of("y"), null, ',')));
            assertEquals(f + ":2: column 'a': expected a finite number, found '" + bad + "'", e.getMessage());
        }
    }

    @Test
    void emptyClassLabelNamesFileLineAndColumn() throws IOException {
        Path f = write("d.csv", "x,species\n1,cat\n2,\n");
        BadInputException e = assertThrows(BadInputException.class, () -> load(labelled(f)));
        assertTrue(e.getMessage().startsWith(f + ":3: column 'species'"), e.getMessage());
    }
}
