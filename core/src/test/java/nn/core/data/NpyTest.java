package nn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import nn.core.BadInputException;
import nn.core.config.Loc;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .npy and .npz files written by the test (and, where it is installed, by numpy itself) read back exactly. */
class NpyTest {
    @TempDir
    Path dir;

    /** The bytes of an .npy (version 1) of the given descr and shape; values in the given (C or Fortran) order. */
    private static byte[] npy(String descr, boolean fortran, int[] shape, double[] values) {
        StringBuilder dims = new StringBuilder();
        for (int d : shape) dims.append(d).append(", ");
        String header = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': (" + dims + "), }";
        int pad = 64 - (10 + header.length() + 1) % 64;
        header = header + " ".repeat(pad % 64) + "\n";
        int size = Integer.parseInt(descr.substring(2));
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + size * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        b.order(descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            switch (descr.substring(1)) {
                case "f8" -> b.putDouble(v);
                case "f4" -> b.putFloat((float) v);
                case "i8", "u8" -> b.putLong((long) v);
                case "i4", "u4" -> b.putInt((int) v);
                case "i2", "u2" -> b.putShort((short) v);
                default -> b.put((byte) v);
            }
        }
        return b.array();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static SourceSpec spec(String format, Path x, Path y, List<String> names, boolean labels) {
        return new SourceSpec("data.train", new Loc("t.yaml", 1, 1), null, null, false, List.of(), List.of(), null, ',',
                new SourceSpec.ArrayFiles(format, x, y, names, labels), 1, false);
    }

    @Test
    void everyElementTypeAndByteOrderReadsBack() throws IOException {
        double[] v = {0, 1, 7, 100};
        for (String descr : List.of("<f8", ">f8", "<f4", ">f4", "<i8", ">i4", "<i2", "|i1", "|u1", "<u2", ">u4", "<u8", "|b1")) {
            double[] want = descr.endsWith("b1") ? new double[] {0, 1, 1, 1} : v;
            double[] values = descr.endsWith("b1") ? new double[] {0, 1, 1, 1} : v;
            assertArrayEquals(want, Npy.read(write("a.npy", npy(descr, false, new int[] {4}, values))).data(), descr);
        }
        assertArrayEquals(new double[] {-5, 0.1}, Npy.read(write("n.npy", npy("<f8", false, new int[] {2}, new double[] {-5, 0.1}))).data());
    }

    @Test
    void fortranOrderBecomesRowMajor() throws IOException {
        // the 2×3 matrix [[1, 2, 3], [4, 5, 6]] in column-major order
        Idx.Array a = Npy.read(write("f.npy", npy("<f8", true, new int[] {2, 3}, new double[] {1, 4, 2, 5, 3, 6})));
        assertArrayEquals(new int[] {2, 3}, a.dims());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, a.data());
    }

    @Test
    void featuresWithLabelsOrNumericTargets() throws IOException {
        Path x = write("x.npy", npy("<f4", false, new int[] {3, 2}, new double[] {1, 2, 3, 4, 5, 6}));
        Path labels = write("y.npy", npy("<i8", false, new int[] {3}, new double[] {5, 3, 5}));
        Dataset d = Sources.load(spec("npy", x, labels, List.of(), true), -1, -1, null, null);
        assertEquals(List.of("3", "5"), d.classes());
        assertEquals(List.of("x0", "x1"), d.features());
        assertArrayEquals(new double[] {0, 1, 1, 0, 0, 1}, d.y());
        Path targets = write("t.npy", npy("<f8", false, new int[] {3, 2}, new double[] {0.5, 1, 1.5, 2, 2.5, 3}));
        Dataset r = Sources.load(spec("npy", x, targets, List.of(), false), -1, -1, null, null);
        assertNull(r.classes());
        assertEquals(List.of("y0", "y1"), r.targets());
        assertArrayEquals(new double[] {0.5, 1, 1.5, 2, 2.5, 3}, r.y());
    }

    @Test
    void npzArraysByName() throws IOException {
        Path npz = dir.resolve("d.npz");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(npz))) {
            zip.putNextEntry(new ZipEntry("x_train.npy"));
            zip.write(npy("<f8", false, new int[] {2, 2}, new double[] {1, 2, 3, 4}));
            zip.putNextEntry(new ZipEntry("y_train.npy"));
            zip.write(npy("|u1", false, new int[] {2}, new double[] {1, 0}));
        }
        Dataset d = Sources.load(spec("npz", npz, npz, List.of("x_train", "y_train"), true), -1, -1, null, null);
        assertArrayEquals(new double[] {1, 2, 3, 4}, d.x());
        assertArrayEquals(new double[] {0, 1, 1, 0}, d.y());
        BadInputException e = assertThrows(BadInputException.class, () -> Npy.read(npz, "x_tran"));
        assertTrue(e.getMessage().contains("no array 'x_tran'") && e.getMessage().contains("x_train"), e.getMessage());
    }

    @Test
    void brokenFilesAreNamed() throws IOException {
        Path csv = write("x.csv", "a,b\n".getBytes(StandardCharsets.UTF_8));
        assertTrue(assertThrows(BadInputException.class, () -> Npy.read(csv)).getMessage().contains("not an .npy file"));
        byte[] full = npy("<f8", false, new int[] {4}, new double[] {1, 2, 3, 4});
        Path cut = write("cut.npy", java.util.Arrays.copyOf(full, full.length - 5));
        assertTrue(assertThrows(BadInputException.class, () -> Npy.read(cut)).getMessage().contains("truncated"));
        Path complex = write("c.npy", npy("<f8", false, new int[] {1}, new double[] {1}).clone());
        byte[] c = Files.readAllBytes(complex);
        String h = new String(c, StandardCharsets.ISO_8859_1).replace("'<f8'", "'<c8'");
        Files.write(complex, h.getBytes(StandardCharsets.ISO_8859_1));
        String m = assertThrows(BadInputException.class, () -> Npy.read(complex)).getMessage();
        assertTrue(m.contains("unsupported .npy header"), m);
    }

    /** numpy's own files, where python3 can import numpy: float32 in Fortran order, int64 labels, an .npz. */
    @Test
    void filesWrittenByNumpyItself() throws Exception {
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        String script = "import numpy as np, sys\n"
                + "d = sys.argv[1]\n"
                + "x = np.asfortranarray(np.arange(12, dtype='>f4').reshape(3, 4) / 8)\n"
                + "np.save(d + '/x.npy', x)\n"
                + "np.save(d + '/y.npy', np.array([2, 0, 2], dtype=np.int64))\n"
                + "np.savez_compressed(d + '/d.npz', feats=x, labs=np.array([1, 1, 0], dtype=np.uint8))\n";
        Process p;
        try {
            p = new ProcessBuilder(python, "-c", script, dir.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("no python3");
            return;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assumptions.assumeTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "numpy is not importable: " + out);
        double[] want = new double[12];
        for (int i = 0; i < 12; i++) want[i] = i / 8.0;
        Dataset d = Sources.load(spec("npy", dir.resolve("x.npy"), dir.resolve("y.npy"), List.of(), true), -1, -1, null, null);
        assertArrayEquals(want, d.x());
        assertEquals(List.of("0", "2"), d.classes());
        Dataset z = Sources.load(spec("npz", dir.resolve("d.npz"), dir.resolve("d.npz"), List.of("feats", "labs"), true), -1, -1, null, null);
        assertArrayEquals(want, z.x());
        assertArrayEquals(new double[] {0, 1, 0, 1, 1, 0}, z.y());
    }
}
