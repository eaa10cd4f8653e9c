package nn.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nn.core.BadInputException;

/**
 * The first of the two passes that read a CSV: one scan of the bytes that finds the header record and cuts the rest
 * into chunks of whole records (about {@link #TARGET} bytes each), counting each chunk's records and noting its first
 * line, so that the second pass can allocate the data set exactly and parse the chunks in parallel, each into its
 * own rows. A plain file is read again by position in the second pass; text that cannot be read twice (standard
 * input, gzip) is kept, chunk by chunk, as it streams past.
 *
 * <p>The scan follows quoting as {@link CsvRecords} does (a quote opens a quoted cell only at the start of a cell), so
 * a newline inside quotes neither ends a record nor a chunk.
 */
final class CsvChunks {
    static final int TARGET = 4 << 20;
    /** The first chunk's size: {@link CsvSource} parses it alone to choose float32 or float64 storage. */
    static final int FIRST = 64 << 10;

    /**
     * Records of the text: bytes[0, length) when held, else the file's bytes at offset.
     *
     * @param firstLine the line number of its first byte
     * @param records   the records in it (blank lines are not records)
     */
    record Chunk(long offset, int length, long firstLine, int records, byte[] bytes) {}

    private static final int OUTSIDE = 0, QUOTED = 1, QUOTE_SEEN = 2;

    final Chunk header;
    final List<Chunk> chunks;
    final long rows;
    private final Path file;

    private CsvChunks(Chunk header, List<Chunk> chunks, Path file) {
        this.header = header;
        this.chunks = chunks;
        this.file = file;
        long n = 0;
        for (Chunk c : chunks) n += c.records();
        this.rows = n;
    }

    /**
     * Scans in (already gunzipped) to its end.
     *
     * @param file the plain file in reads, to be read again by position; null to keep the bytes
     * @param name names the input in messages
     */
    static CsvChunks scan(InputStream in, Path file, char delimiter, String name, int target) throws IOException {
        return scan(in, file, delimiter, name, target, Progress.Task.NONE);
    }

    /** {@link #scan(InputStream, Path, char, String, int)}, telling task of every byte read. */
    static CsvChunks scan(InputStream in, Path file, char delimiter, String name, int target, Progress.Task task) throws IOException {
        List<Chunk> chunks = new ArrayList<>();
        scan(in, file, delimiter, name, target, chunks::add, task);
        return chunks.isEmpty() ? new CsvChunks(null, List.of(), file) : new CsvChunks(chunks.get(0), chunks.subList(1, chunks.size()), file);
    }

    /**
     * Scans in, handing each chunk to sink as soon as it is cut (with its bytes when file is null): text streams
     * through a chunk at a time, and a target of 1 hands over every record as soon as it has arrived whole. The
     * first chunk is the header record's (its bytes always held); empty text gives none.
     */
    static void scan(InputStream in, Path file, char delimiter, String name, int target, java.util.function.Consumer<Chunk> sink,
                     Progress.Task task) throws IOException {
        byte[] buf = new byte[Math.max(1 << 16, Math.min(2 * target, 16 << 20))];
        int len = Math.max(0, in.read(buf, 0, buf.length));
        while (len < 4096 && len < buf.length) { // enough to see whether it is text
            int got = in.read(buf, len, buf.length - len);
            if (got < 0) break;
            len += got;
        }
        for (int i = 0; i < Math.min(len, 4096); i++) {
            if (buf[i] == 0) throw new BadInputException(name + ": " + Sources.binaryKind(Arrays.copyOf(buf, Math.min(len, 4096))) + ", not CSV text");
        }
        task.add(len);
        int i = len >= 3 && (buf[0] & 0xff) == 0xEF && (buf[1] & 0xff) == 0xBB && (buf[2] & 0xff) == 0xBF ? 3 : 0;
        long base = 0;        // the offset in the input of buf[0]
        int chunkStart = i;   // where the open chunk starts in buf
        long line = 1, chunkLine = 1;
        int records = 0, state = OUTSIDE;
        boolean content = false, eof = false;
        byte d = (byte) delimiter;
        Chunk header = null;
        boolean first = true; // the first chunk of records is cut small: it is parsed alone, before the rest
        while (true) {
            while (i < len) {
                if (state >= QUOTED) { // inside a quoted cell: only a quote or a newline matters
                    byte c = buf[i++];
                    if (state == QUOTED) {
                        if (c == '"') state = QUOTE_SEEN;
                        else if (c == '\n') line++;
                        continue;
                    }
                    if (c == '"') {
                        state = QUOTED;
                        continue;
                    }
                    state = OUTSIDE;
                    content = true;
                    i--;
                }
                // the common case, a run of plain bytes: find the next newline or quote in one tight loop
                int j = i;
                while (j < len && buf[j] != '\n' && buf[j] != '"') j++;
                if (!content) content = hasContent(buf, i, j, d);
                if (j == len) {
                    i = j;
                    break;
                }
                if (buf[j] == '"') {
                    state = cellStart(buf, j, d, chunkStart) ? QUOTED : OUTSIDE;
                    content = true;
                    i = j + 1;
                    continue;
                }
                i = j + 1;
                line++;
                state = OUTSIDE;
                if (!content) continue;
                content = false;
                records++;
                if (header == null || i - chunkStart >= (first ? Math.min(target, FIRST) : target)) {
                    Chunk k = cut(buf, base, chunkStart, i, chunkLine, records, file == null || header == null);
                    first = header != null ? false : first;
                    header = header == null ? k : header;
                    sink.accept(k);
                    chunkStart = i;
                    chunkLine = line;
                    records = 0;
                }
            }
            if (eof) break;
            if (chunkStart > 0) { // slide the open chunk to the front
                System.arraycopy(buf, chunkStart, buf, 0, len - chunkStart);
                base += chunkStart;
                len -= chunkStart;
                i -= chunkStart;
                chunkStart = 0;
            } else if (len == buf.length) { // one chunk longer than the buffer: a record longer than the target
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            int got = in.read(buf, len, buf.length - len);
            if (got < 0) eof = true;
            else len += got;
            task.add(Math.max(got, 0));
        }
        if (content) records++;
        if (len > chunkStart && (records > 0 || header == null)) {
            Chunk k = cut(buf, base, chunkStart, len, chunkLine, records, file == null || header == null);
            sink.accept(k);
        }
    }

    /** Whether b[from, to) holds anything but spaces, tabs and CRs (a delimiter counts: it makes empty cells). */
    private static boolean hasContent(byte[] b, int from, int to, byte d) {
        for (int k = from; k < to; k++) {
            byte c = b[k];
            if (c == d || (c != ' ' && c != '\t' && c != '\r')) return true;
        }
        return false;
    }

    /**
     * Whether the quote at b[q] opens a quoted cell: only blanks lie between it and the start of its cell (a delimiter,
     * or the start of the line). lo is where the open chunk starts, a record start at or before the quote's line.
     */
    private static boolean cellStart(byte[] b, int q, byte d, int lo) {
        for (int k = q - 1; k >= lo; k--) {
            byte c = b[k];
            if (c == d || c == '\n') return true;
            if (c != ' ' && c != '\t') return false;
        }
        return true;
    }

    private static Chunk cut(byte[] buf, long base, int from, int to, long line, int records, boolean keep) {
        return new Chunk(base + from, to - from, line, records, keep ? Arrays.copyOfRange(buf, from, to) : null);
    }

    /** The bytes of chunk c, read from the file unless held. */
    byte[] bytes(Chunk c) throws IOException {
        if (c.bytes() != null) return c.bytes();
        byte[] out = new byte[c.length()];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer bb = ByteBuffer.wrap(out);
            while (bb.hasRemaining()) {
                if (ch.read(bb, c.offset() + bb.position()) < 0) throw new java.io.EOFException(file + " shrank while being read");
            }
        }
        return out;
    }
}
