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

    /** Whether file starts with the checkpoint magic (false when it cannot be read). */
    public static boolean looksLikeCheckpoint(Path file) {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            return java.util.Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Reads and checks a checkpoint; every problem is one {@link BadInputException} naming the file. */
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

    /**
     * Decodes a checkpoint's bytes; {@code file} names it in messages. After the format (magic, version, sizes,
     * checksum), the header's types ({@link Header}) and the checkpoint's consistency ({@link Invariants#check}): a
     * file that passes is one nn could have written.
     */
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
        String notJson = "the header is not a JSON object";
        if (nesting(headerText) > MAX_NESTING) {
            notJson = "the header nests deeper than " + MAX_NESTING + " levels (nn writes 4)";
        } else {
            try {
                if (Json.read(headerText) instanceof Map<?, ?> m) header = m;
            } catch (IllegalArgumentException e) {
                header = null;
            }
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
        if (header == null) throw new BadInputException(bad + notJson);
        if (dataBytes < 0 || expected != bytes.length) {
            throw new BadInputException(bad + "the header's data_bytes (" + dataBytes + ") does not match the file size (" + bytes.length + ")");
        }
        try {
            Checkpoint c = fromHeader(new Header(header, ""), version, b, PREFIX + (int) hlen, dataBytes);
            Invariants.check(c);
            return c;
        } catch (Header.Invalid e) {
            throw new BadInputException(bad + e.getMessage());
        }
    }

    /** Deeper than any header nn writes (4: the top object, arrays, an entry, its shape), and shallow enough for the parser's stack. */
    static final int MAX_NESTING = 64;

    /** How deeply the JSON text's objects and lists nest (brackets inside strings do not count). */
    private static int nesting(String json) {
        int depth = 0, most = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char ch = json.charAt(i);
            if (inString) {
                if (ch == '\\') i++;
                else if (ch == '"') inString = false;
            } else if (ch == '"') {
                inString = true;
            } else if (ch == '[' || ch == '{') {
                most = Math.max(most, ++depth);
            } else if (ch == ']' || ch == '}') {
                depth--;
            }
        }
        return most;
    }

    private static String hex(int v) {
        return String.format("%08x", v);
    }

    /** The checkpoint the header describes, every value of the type it must have; the data's arrays per the table. */
    private static Checkpoint fromHeader(Header h, int version, ByteBuffer b, int dataStart, long dataBytes) {
        String format = h.text("format");
        if (!format.equals(FORMAT)) throw new Header.Invalid("format is " + Header.show(format) + " (must be \"" + FORMAT + "\")");
        if (h.whole("version") != version) {
            throw new Header.Invalid("version is " + h.whole("version") + " (must be " + version + ", the file's format version)");
        }
        Map<String, Checkpoint.Array> arrays = ArrayTable.read(h.list("arrays"), b, dataStart, dataBytes);
        List<Map<String, Double>> history = new ArrayList<>();
        List<?> rows = h.list("history");
        for (int i = 0; i < rows.size(); i++) history.add(Header.of(rows.get(i), "history[" + i + "]").reals());
        Header rng = h.object("rng"), best = h.object("best");
        return new Checkpoint(h.text("name"), configFile(h), h.text("config"), h.whole("epoch"), h.whole("steps"),
                rng.whole("dropout"), rng.whole("shuffle"), h.flag("stopped_early"), h.text("normalize"),
                h.text("normalize_targets", "none"), h.strings("features"), h.strings("targets"),
                h.has("classes") ? h.strings("classes") : null, history, best.whole("epoch"), best.real("score"),
                best.whole("since"), h.text("kernel", "unknown"), arrays);
    }

    /** config_file: the path of a config file, whose folder relative data paths in the stored config resolve against. */
    private static String configFile(Header h) {
        String s = h.text("config_file");
        try {
            Path p = Path.of(s);
            if (!s.isEmpty() && p.getFileName() != null && p.toAbsolutePath().getParent() != null) return s;
        } catch (java.nio.file.InvalidPathException e) {
            // said below
        }
        throw new Header.Invalid("config_file is " + Header.show(s) + " (must be the path of a config file)");
    }

    /** Writes a checkpoint file atomically ({@link AtomicFile}): the old or the new, never a torn one. */
    public static void writeAtomic(Path target, byte[] bytes) throws IOException {
        AtomicFile.write(target, bytes);
    }
}
