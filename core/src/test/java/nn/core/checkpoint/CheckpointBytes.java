package nn.core.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import nn.core.Json;

/**
 * A checkpoint file taken apart and put back together as {@link CheckpointFile#encode} lays it out (magic, version,
 * header length, JSON header, data, CRC32C of everything before it), so that a test can change the header or the
 * data and still have a file whose checksum is right: what is left to refuse it is the meaning.
 *
 * @param header the parsed header (maps, lists, Long, Double, String, Boolean, null), to modify
 * @param data   the data bytes, to modify
 */
record CheckpointBytes(Map<String, Object> header, byte[] data) {
    @SuppressWarnings("unchecked")
    static CheckpointBytes of(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int hlen = b.getInt(CheckpointFile.MAGIC.length + 4);
        int start = CheckpointFile.PREFIX + hlen;
        Object header = Json.read(new String(file, CheckpointFile.PREFIX, hlen, StandardCharsets.UTF_8));
        return new CheckpointBytes((Map<String, Object>) header, Arrays.copyOfRange(file, start, file.length - 4));
    }

    /** The file's bytes, with the checksum computed afresh. */
    byte[] encode() {
        return encode(Json.write(header));
    }

    /** The file's bytes with headerText (JSON, or not) as the header, the checksum computed afresh. */
    byte[] encode(String headerText) {
        byte[] h = headerText.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(CheckpointFile.PREFIX + h.length + data.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put(CheckpointFile.MAGIC).putInt(CheckpointFile.VERSION).putInt(h.length).put(h).put(data);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /** The table entry of the array name ({name, shape, offset}). */
    @SuppressWarnings("unchecked")
    Map<String, Object> array(String name) {
        for (Object o : (List<Object>) header.get("arrays")) {
            Map<String, Object> a = (Map<String, Object>) o;
            if (a.get("name").equals(name)) return a;
        }
        throw new AssertionError("no array " + name);
    }

    /** Sets element i of the array name in the data. */
    void set(String name, int i, double v) {
        long offset = (Long) array(name).get("offset");
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putDouble((int) offset + 8 * i, v);
    }
}
