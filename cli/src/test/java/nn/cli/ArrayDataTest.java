package nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import nn.core.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configs reading NumPy arrays: npy files and an npz archive, relative to the config, and the key errors. */
class ArrayDataTest {
    @TempDir
    Path dir;

    /** A little-endian float64 .npy of the given shape. */
    private static byte[] npy(int[] shape, double[] values) {
        StringBuilder dims = new StringBuilder();
        for (int d : shape) dims.append(d).append(", ");
        String header = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + dims + "), }\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (double v : values) b.putDouble(v);
        return b.array();
    }

    /** XOR's four rows, repeated: features (8 × 2) and labels (8). */
    private void xor() throws IOException {
        double[] x = {0, 0, 0, 1, 1, 0, 1, 1, 0, 0, 0, 1, 1, 0, 1, 1}, y = {0, 1, 1, 0, 0, 1, 1, 0};
        Files.write(dir.resolve("x.npy"), npy(new int[] {8, 2}, x));
        Files.write(dir.resolve("y.npy"), npy(new int[] {8}, y));
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(dir.resolve("xor.npz")))) {
            zip.putNextEntry(new ZipEntry("features.npy"));
            zip.write(npy(new int[] {8, 2}, x));
            zip.putNextEntry(new ZipEntry("labels.npy"));
            zip.write(npy(new int[] {8}, y));
        }
    }

    private Run train(String source) throws IOException {
        Path config = dir.resolve("c.yaml");
        Files.writeString(config, "model: {layers: [{units: 4, activation: tanh}, {units: 2, activation: softmax}]}\n"
                + "loss: cross_entropy\noptimizer: {type: adam, learning_rate: 0.05}\ntraining: {epochs: 200, batch_size: 8}\n"
                + "data:\n  train: " + source + "\n");
        return Run.nn("train", config.toString(), "--no-checkpoint", "--summary", "json", "-q");
    }

    @Test
    void npyAndNpzSourcesTrain() throws IOException {
        xor();
        for (String source : new String[] {"{npy: {features: x.npy, labels: y.npy}}",
                "{npz: {file: xor.npz, features: features, labels: labels}}"}) {
            Run r = train(source);
            assertEquals(0, r.code(), source + ": " + r.err());
            Map<?, ?> last = (Map<?, ?>) ((Map<?, ?>) Json.read(r.out())).get("final");
            assertEquals(1.0, Json.real(last.get("train_accuracy")), source);
        }
    }

    @Test
    void labelsOrTargetsButNotBoth() throws IOException {
        xor();
        Run r = train("{npy: {features: x.npy, labels: y.npy, targets: y.npy}}");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("data.train.npy.targets: give either labels (class labels) or targets (numbers), not both"), r.err());
    }
}
