package nn.core.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import nn.core.AtomicFile;
import nn.core.BadInputException;
import nn.core.Json;

/**
 * The checkpoint file format (docs/checkpoint.md), all integers little-endian:
 * <pre>
 *   offset 0        7 bytes   magic "NNCKPT\0"
 *   offset 7        u32       format version (1)
 *   offset 11       u32       header length H in bytes
 *   offset 15       H bytes   header: UTF-8 JSON (scalars, config YAML, metrics, and the array table)
 *   offset 15+H     D bytes   the arrays: raw float64, each at its table offset (relative to 15+H)
 *   offset 15+H+D   u32       CRC32C of bytes [0, 15+H+D)
 * </pre>
 * Reading checks each of these and reports what is wrong and with which file as a {@link BadInputException}.
 */
public final class CheckpointFile {
    public static final byte[] MAGIC = {'N', 'N', 'C', 'K', 'P', 'T', 0};
    public static final int VERSION = 1;
    static final int PREFIX = MAGIC.length + 8;
    public static final String FORMAT = "nn-checkpoint";

    private CheckpointFile() {}

    /** The file's bytes. */
    public static byte[] encode(Checkpoint c) {
        List<Object> table = new ArrayList<>();
        long offset = 0;
        for (Map.Entry<String, Checkpoint.Array> a : c.arrays().entrySet()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", a.getKey());
            entry.put("shape", a.getValue().shape());
            entry.put("offset", offset);
            table.add(entry);
            offset += 8L * a.getValue().data().length;
        }
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("format", FORMAT);
        h.put("version", VERSION);
        h.put("created", Instant.now().toString());
        h.put("name", c.name());
        h.put("config_file", c.configFile());
        h.put("epoch", c.epoch());
        h.put("steps", c.steps());
        h.put("stopped_early", c.stoppedEarly());
        Map<String, Object> rng = new LinkedHashMap<>();
        rng.put("dropout", c.dropoutRng());
        rng.put("shuffle", c.shuffleRng());
        h.put("rng", rng);
        h.put("normalize", c.normalize());
        h.put("normalize_targets", c.normalizeTargets());
        h.put("features", c.features());
        h.put("targets", c.targets());
        h.put("classes", c.classes());
        h.put("history", c.history());
        Map<String, Object> best = new LinkedHashMap<>();
        best.put("epoch", c.bestEpoch());
        best.put("score", c.bestScore());
        best.put("since", c.sinceBest());
        h.put("best", best);
        h.put("kernel", c.kernel());
        h.put("config", c.configYaml());
        h.put("data_bytes", offset);
        h.put("arrays", table);
        byte[] header = Json.write(h).getBytes(StandardCharsets.UTF_8);
        if (offset > Integer.MAX_VALUE - PREFIX - header.length - 4) throw new IllegalArgumentException("checkpoint larger than 2 GB");
        ByteBuffer b = ByteBuffer.allocate(PREFIX + header.length + (int) offset + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putInt(VERSION).putInt(header.length).put(header);
        for (Checkpoint.Array a : c.arrays().values()) for (double d : a.data()) b.putDouble(d);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /** Reads and checks a checkpoint; every problem is one {@link BadInputException} naming the file. */
    /** Whether file starts with the checkpoint magic (false when it cannot be read). */
    public static boolean looksLikeCheckpoint(Path file) {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            return java.util.Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    public static Checkpoint read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such checkpoint file");
        } catch (IOException e) {
            throw BadInputException.io(file.toString(), "read checkpoint", e);
        }
        return decode(bytes, file.toString());
    }

    /** Decodes a checkpoint's bytes; {@code file} names it in messages. */
    public static Checkpoint decode(byte[] bytes, String file) {
        String bad = file + ": not a valid checkpoint: ";
        int min = PREFIX + 4;
        if (bytes.length >= MAGIC.length && !java.util.Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new BadInputException(file + ": not an nn checkpoint (it does not start with \"NNCKPT\\0\")");
        }
        if (bytes.length < min) throw new BadInputException(bad + "truncated (" + bytes.length + " bytes; even an empty checkpoint has " + min + ")");
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int version = b.getInt(MAGIC.length);
        if (version > VERSION) {
            throw new BadInputException(file + ": checkpoint format version " + version + " is newer than this nn reads (up to "
                    + VERSION + "); use a newer nn");
        }
        if (version < 1) throw new BadInputException(bad + "unknown format version " + version);
        long hlen = b.getInt(MAGIC.length + 4) & 0xffffffffL;
        if (PREFIX + hlen + 4 > bytes.length) {
            throw new BadInputException(bad + "truncated or corrupt (header of " + hlen + " bytes, but the file has " + bytes.length + ")");
        }
        String headerText = new String(bytes, PREFIX, (int) hlen, StandardCharsets.UTF_8);
        Map<?, ?> header = null;
        try {
            if (Json.read(headerText) instanceof Map<?, ?> m) header = m;
        } catch (IllegalArgumentException e) {
            header = null;
        }
        long dataBytes = header != null && header.get("data_bytes") instanceof Long l ? l : -1;
        long expected = PREFIX + hlen + dataBytes + 4;
        if (dataBytes >= 0 && bytes.length < expected) {
            throw new BadInputException(bad + "truncated (" + bytes.length + " bytes, expected " + expected + ")");
        }
        int end = bytes.length - 4;
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, end);
        int stored = b.getInt(end);
        if (stored != (int) crc.getValue()) {
            throw new BadInputException(bad + "checksum mismatch (stored " + hex(stored) + ", computed " + hex((int) crc.getValue())
                    + "): the file is corrupt or was cut short");
        }
        if (header == null) throw new BadInputException(bad + "the header is not a JSON object");
        if (dataBytes < 0 || expected != bytes.length) {
            throw new BadInputException(bad + "the header's data_bytes (" + dataBytes + ") does not match the file size (" + bytes.length + ")");
        }
        try {
            return fromHeader(header, b, PREFIX + (int) hlen, dataBytes);
        } catch (RuntimeException e) {
            if (e instanceof BadInputException) throw e;
            throw new BadInputException(bad + "bad header: " + e.getMessage());
        }
    }

    private static String hex(int v) {
        return String.format("%08x", v);
    }

    @SuppressWarnings("unchecked")
    private static Checkpoint fromHeader(Map<?, ?> h, ByteBuffer b, int dataStart, long dataBytes) {
        if (!FORMAT.equals(h.get("format"))) throw new IllegalArgumentException("format is " + h.get("format") + ", expected " + FORMAT);
        Map<String, Checkpoint.Array> arrays = new LinkedHashMap<>();
        for (Object o : (List<Object>) req(h, "arrays")) {
            Map<?, ?> a = (Map<?, ?>) o;
            String name = (String) req(a, "name");
            List<Object> dims = (List<Object>) req(a, "shape");
            int[] shape = new int[dims.size()];
            long n = 1;
            for (int i = 0; i < shape.length; i++) {
                long d = (Long) dims.get(i);
                if (d < 0 || d > Integer.MAX_VALUE) throw new IllegalArgumentException(name + ": bad shape " + dims);
                shape[i] = (int) d;
                n *= d;
            }
            long off = (Long) req(a, "offset");
            if (off < 0 || off % 8 != 0 || off + 8 * n > dataBytes) throw new IllegalArgumentException(name + ": offset " + off + " outside the data");
            double[] data = new double[(int) n];
            for (int i = 0; i < n; i++) data[i] = b.getDouble(dataStart + (int) off + 8 * i);
            if (arrays.put(name, new Checkpoint.Array(shape, data)) != null) throw new IllegalArgumentException("duplicate array " + name);
        }
        for (String k : List.of(Checkpoint.SHIFT, Checkpoint.SCALE)) if (!arrays.containsKey(k)) throw new IllegalArgumentException("no array " + k);
        if (arrays.containsKey(Checkpoint.TARGET_SHIFT) != arrays.containsKey(Checkpoint.TARGET_SCALE)) {
            throw new IllegalArgumentException("array " + Checkpoint.TARGET_SHIFT + " without " + Checkpoint.TARGET_SCALE + " or the other way round");
        }
        List<Map<String, Double>> history = new ArrayList<>();
        for (Object o : (List<Object>) req(h, "history")) {
            Map<String, Double> m = new LinkedHashMap<>();
            ((Map<String, Object>) o).forEach((k, v) -> m.put(k, Json.real(v)));
            history.add(m);
        }
        Map<?, ?> rng = (Map<?, ?>) req(h, "rng");
        Map<?, ?> best = (Map<?, ?>) req(h, "best");
        return new Checkpoint((String) req(h, "name"), (String) req(h, "config_file"), (String) req(h, "config"),
                (Long) req(h, "epoch"), (Long) req(h, "steps"), (Long) req(rng, "dropout"), (Long) req(rng, "shuffle"),
                (Boolean) req(h, "stopped_early"), (String) req(h, "normalize"),
                h.get("normalize_targets") instanceof String nt ? nt : "none", strings(req(h, "features")),
                strings(req(h, "targets")), h.get("classes") == null ? null : strings(h.get("classes")), history,
                (Long) req(best, "epoch"), Json.real(req(best, "score")), (Long) req(best, "since"),
                h.get("kernel") instanceof String k ? k : "unknown", arrays);
    }

    private static Object req(Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (v == null) throw new IllegalArgumentException("missing " + key);
        return v;
    }

    private static List<String> strings(Object o) {
        List<String> out = new ArrayList<>();
        for (Object v : (List<?>) o) out.add((String) v);
        return List.copyOf(out);
    }

    /** Writes a checkpoint file atomically ({@link AtomicFile}): the old or the new, never a torn one. */
    public static void writeAtomic(Path target, byte[] bytes) throws IOException {
        AtomicFile.write(target, bytes);
    }
}
