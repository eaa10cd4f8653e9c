package nn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import nn.core.BadInputException;
import nn.core.config.Loc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX files the test writes itself: every element type, gzip'd or not, scaling, class order and each error. */
class IdxTest {
    @TempDir
    Path dir;

    /** An IDX file of the given type and dimensions; values written big-endian as that type. */
    private Path idx(String name, int type, int[] dims, double[] values, boolean gzip) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {0, 0, (byte) type, (byte) dims.length});
        ByteBuffer b = ByteBuffer.allocate(4 * dims.length + 8 * values.length);
        for (int d : dims) b.putInt(d);
        for (double v : values) {
            switch (type) {
                case 0x08, 0x09 -> b.put((byte) v);
                case 0x0B -> b.putShort((short) v);
                case 0x0C -> b.putInt((int) v);
                case 0x0D -> b.putFloat((float) v);
                default -> b.putDouble(v);
            }
        }
        bytes.write(b.array(), 0, b.position());
        Path file = dir.resolve(name);
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            bytes.writeTo(out);
        }
        return file;
    }

    private static SourceSpec spec(Path images, Path labels, double scale) {
        return new SourceSpec("data.train", new Loc("t.yaml", 1, 1), null, null, false, List.of(), List.of(), null, ',',
                new SourceSpec.ArrayFiles("idx", images, labels, List.of(), true), scale, false);
    }

    @Test
    void imagesAndLabelsBecomeScaledFeaturesAndOneHotClassesInNumericOrder() throws IOException {
        Path images = idx("img.gz", 0x08, new int[] {3, 2, 2}, new double[] {0, 51, 102, 255, 1, 2, 3, 4, 200, 100, 50, 25}, true);
        Path labels = idx("lab", 0x08, new int[] {3}, new double[] {10, 2, 10}, false);
        Dataset d = Sources.load(spec(images, labels, 255), -1, -1, null, null);
        assertEquals(3, d.n());
        assertEquals(4, d.nin());
        assertEquals(List.of("px0", "px1", "px2", "px3"), d.features());
        assertEquals(List.of("2", "10"), d.classes(), "numeric order, not text order");
        assertArrayEquals(new double[] {0, 51 / 255.0, 102 / 255.0, 1, 1 / 255.0, 2 / 255.0, 3 / 255.0, 4 / 255.0,
                200 / 255.0, 100 / 255.0, 50 / 255.0, 25 / 255.0}, d.x());
        assertArrayEquals(new double[] {0, 1, 1, 0, 0, 1}, d.y());
    }

    @Test
    void everyElementTypeReadsBackExactly() throws IOException {
        double[] v = {-3, 7, 100};
        for (int type : new int[] {0x09, 0x0B, 0x0C, 0x0D, 0x0E}) {
            Path f = idx("t" + type, type, new int[] {3, 1}, v, type % 2 == 0);
            assertArrayEquals(v, Idx.read(f).data(), "type " + type);
        }
        assertArrayEquals(new double[] {0.1}, Idx.read(idx("d", 0x0E, new int[] {1}, new double[] {0.1}, false)).data());
    }

    @Test
    void heldOutLabelsMustBeClassesOfTheTrainingData() throws IOException {
        Path images = idx("img", 0x08, new int[] {2, 1}, new double[] {1, 2}, false);
        Path labels = idx("lab", 0x08, new int[] {2}, new double[] {1, 7}, false);
        BadInputException e = assertThrows(BadInputException.class,
                () -> Sources.load(spec(images, labels, 1), -1, -1, List.of("0", "1"), null));
        assertTrue(e.getMessage().contains("label 2 is '7', not a class of the training data (0, 1)"), e.getMessage());
    }

    @Test
    void aBinaryFileGivenAsCsvIsNamedForWhatItIs() throws IOException {
        Path images = idx("img.gz", 0x08, new int[] {2, 2}, new double[] {1, 2, 3, 4}, true);
        BadInputException e = assertThrows(BadInputException.class, () -> CsvStream.read(Files.newInputStream(images), "img.gz", ',', null));
        assertEquals("img.gz: an IDX file (read it with idx: {images: PATH, labels: PATH}), not CSV text", e.getMessage());
        byte[] npy = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 0, 0};
        e = assertThrows(BadInputException.class, () -> CsvStream.read(new java.io.ByteArrayInputStream(npy), "x.npy", ',', null));
        assertEquals("x.npy: a NumPy .npy file (read it with npy: {features: PATH, labels: PATH}), not CSV text", e.getMessage());
        byte[] other = {'a', ',', 'b', '\n', 0, 7};
        e = assertThrows(BadInputException.class, () -> CsvStream.read(new java.io.ByteArrayInputStream(other), "o.bin", ',', null));
        assertEquals("o.bin: a binary file, not CSV text", e.getMessage());
    }

    @Test
    void brokenFilesAreNamedWithWhatIsWrong() throws IOException {
        Path csv = dir.resolve("x.csv");
        Files.writeString(csv, "a,b\n1,2\n");
        assertTrue(assertThrows(BadInputException.class, () -> Idx.read(csv)).getMessage().endsWith("x.csv: not an IDX file"
                + " (it does not start with 00 00, a type byte 08/09/0B/0C/0D/0E and a dimension count)"));
        Path full = idx("full", 0x0C, new int[] {4}, new double[] {1, 2, 3, 4}, false);
        Path cut = dir.resolve("cut");
        byte[] b = Files.readAllBytes(full);
        Files.write(cut, java.util.Arrays.copyOf(b, b.length - 3));
        assertTrue(assertThrows(BadInputException.class, () -> Idx.read(cut)).getMessage().contains("truncated"));
        Path images = idx("img", 0x08, new int[] {3, 1}, new double[] {1, 2, 3}, false);
        Path two = idx("two", 0x08, new int[] {2}, new double[] {0, 1}, false);
        assertTrue(assertThrows(BadInputException.class, () -> Sources.load(spec(images, two, 1), -1, -1, null, null))
                .getMessage().contains("3 rows, but " + two + " has 2"));
        Path wide = idx("wide", 0x08, new int[] {3, 2}, new double[] {1, 2, 3, 4, 5, 6}, false);
        assertTrue(assertThrows(BadInputException.class, () -> Sources.load(spec(images, wide, 1), -1, -1, null, null))
                .getMessage().contains("expected one label a row (shape (n,) or (n, 1)), found 2 values a row"));
        assertTrue(assertThrows(BadInputException.class, () -> Idx.read(dir.resolve("none"))).getMessage().endsWith("none: no such file"));
    }
}
