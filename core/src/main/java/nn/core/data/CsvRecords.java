package nn.core.data;

import java.nio.charset.StandardCharsets;
import nn.core.BadInputException;

/**
 * The records of CSV text held in bytes, cut into cells without making an object per cell: after {@link #next()},
 * cell i is {@code bytes[from(i), to(i))}. RFC 4180 with the usual leniencies: a cell may be quoted ({@code "a,b"},
 * {@code ""} for a quote inside, newlines allowed), spaces and tabs around a cell are ignored, a line ends in LF or
 * CRLF, blank lines are skipped. Line numbers count every physical line, blank ones included.
 */
final class CsvRecords {
    private final byte[] b;
    private final int end;
    private final byte delimiter;
    private final String file;
    private int pos;
    private long nextLine;
    private long line;
    private int cells;
    private int[] from = new int[16], to = new int[16];
    private boolean[] escaped = new boolean[16];

    /**
     * @param b         the text; b[start, end) holds whole records
     * @param firstLine the line number of b[start]
     * @param file      names the input in errors
     */
    CsvRecords(byte[] b, int start, int end, long firstLine, char delimiter, String file) {
        this.b = b;
        this.pos = start;
        this.end = end;
        this.nextLine = firstLine;
        this.delimiter = (byte) delimiter;
        this.file = file;
    }

    /** Whether a delimiter can be read byte by byte (ASCII, and not a quote or line end). */
    static boolean usable(char delimiter) {
        return delimiter > 0 && delimiter < 128 && delimiter != '"' && delimiter != '\n' && delimiter != '\r';
    }

    byte[] bytes() {
        return b;
    }

    /** The line the current record starts on. */
    long line() {
        return line;
    }

    int cells() {
        return cells;
    }

    int from(int i) {
        return from[i];
    }

    int to(int i) {
        return to[i];
    }

    /** Cell i as text (quotes undone). */
    String text(int i) {
        String s = new String(b, from[i], to[i] - from[i], StandardCharsets.UTF_8);
        return escaped[i] ? s.replace("\"\"", "\"") : s;
    }

    /** Whether cell i holds a doubled quote, so that its bytes are not its text. */
    boolean escaped(int i) {
        return escaped[i];
    }

    private boolean blank(byte c) {
        return (c == ' ' || c == '\t' || c == '\r') && c != delimiter;
    }

    /** Moves to the next record that is not blank; false at the end. */
    boolean next() {
        while (true) {
            int p = pos;
            while (p < end && blank(b[p])) p++;
            if (p >= end) {
                pos = end;
                return false;
            }
            if (b[p] != '\n') break;
            pos = p + 1;
            nextLine++;
        }
        line = nextLine;
        cells = 0;
        int p = pos;
        while (true) {
            while (p < end && (b[p] == ' ' || b[p] == '\t') && b[p] != delimiter) p++;
            int s, e;
            boolean esc = false;
            if (p < end && b[p] == '"') {
                s = ++p;
                while (true) {
                    if (p >= end) throw new BadInputException(file + ":" + line + ": a quoted cell is never closed (a \" is missing)");
                    byte c = b[p];
                    if (c == '"') {
                        if (p + 1 < end && b[p + 1] == '"') {
                            esc = true;
                            p += 2;
                            continue;
                        }
                        break;
                    }
                    if (c == '\n') nextLine++;
                    p++;
                }
                e = p++;
                while (p < end && blank(b[p])) p++;
                if (p < end && b[p] != delimiter && b[p] != '\n') {
                    throw new BadInputException(file + ":" + nextLine + ": column " + (cells + 1) + ": text after a closing quote (quote the whole cell)");
                }
            } else {
                s = p;
                while (p < end && b[p] != delimiter && b[p] != '\n') p++;
                e = p;
                while (e > s && blank(b[e - 1])) e--;
            }
            add(s, e, esc);
            if (p < end && b[p] == delimiter) {
                p++;
                continue;
            }
            pos = p < end ? p + 1 : end;
            nextLine++;
            return true;
        }
    }

    private void add(int s, int e, boolean esc) {
        if (cells == from.length) {
            from = java.util.Arrays.copyOf(from, cells * 2);
            to = java.util.Arrays.copyOf(to, cells * 2);
            escaped = java.util.Arrays.copyOf(escaped, cells * 2);
        }
        from[cells] = s;
        to[cells] = e;
        escaped[cells++] = esc;
    }
}
