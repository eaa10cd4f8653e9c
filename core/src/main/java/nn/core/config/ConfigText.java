package nn.core.config;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A config file's bytes as text, checked before SnakeYAML sees them, so that every answer is quick and located:
 * <ul>
 *   <li>a size bound ({@link #MAX_BYTES}): SnakeYAML reads about 2 MB a second, so a larger file could not be
 *       answered at once, and no config needs it (data goes in CSV, IDX or .npy files);</li>
 *   <li>the encoding: UTF-8, with or without a byte-order mark, or UTF-16 with one (YAML allows both); a byte that
 *       is not UTF-8 is named with its value and place;</li>
 *   <li>characters YAML forbids (NUL and other control characters) named with their place;</li>
 *   <li>runs of more than {@link #MAX_RUN} characters without a space or line break: SnakeYAML scans such a run in
 *       time quadratic in its length (a 16 MB scalar took 95 s), and no config value is that long.</li>
 * </ul>
 */
final class ConfigText {
    static final int MAX_BYTES = 1 << 20;
    static final int MAX_RUN = 1 << 16;

    private ConfigText() {}

    /** Refuses a file of more than MAX_BYTES, saying how large it is. */
    static void checkSize(long bytes, String source) {
        if (bytes > MAX_BYTES) {
            throw new ConfigException(new Loc(source, 0, 0), String.format(java.util.Locale.ROOT, "the file is %.1f MiB or more; a config"
                    + " may be at most %d MiB (put data in a CSV, IDX or .npy file and name it under data:)", bytes / 1048576.0, MAX_BYTES >> 20));
        }
    }

    /** The text of a config file's bytes, or a ConfigException located in source. */
    static String decode(byte[] bytes, String source) {
        Charset cs = StandardCharsets.UTF_8;
        int start = 0;
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) start = 3;
        else if (startsWith(bytes, 0xFE, 0xFF)) { cs = StandardCharsets.UTF_16BE; start = 2; }
        else if (startsWith(bytes, 0xFF, 0xFE)) { cs = StandardCharsets.UTF_16LE; start = 2; }
        CharsetDecoder d = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = d.decode(in, out, true);
        if (!r.isError()) r = d.flush(out);
        if (r.isError()) {
            int at = in.position();
            String text = out.flip().toString();
            Loc loc = at(text, text.length(), source);
            String name = cs == StandardCharsets.UTF_8 ? "UTF-8" : "UTF-16";
            throw new ConfigException(loc, String.format("not %s text: byte 0x%02X (%s) cannot start or continue a character there"
                    + " (save the file as UTF-8)", name, bytes[at] & 0xff, latin1Hint(bytes[at])));
        }
        return out.flip().toString();
    }

    /** Refuses characters YAML forbids and runs too long to scan in time; both located. */
    static void check(String text, String source, int columnOffset) {
        int run = 0, runStart = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (forbidden(c)) {
                Loc l = at(text, i, source);
                throw new ConfigException(new Loc(source, l.line(), l.column() + columnOffset), String.format("character U+%04X (%s) is"
                        + " not allowed in YAML (remove it; a config is plain text)", (int) c, c == 0 ? "NUL" : "a control character"));
            }
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                run = 0;
            } else if (run++ == 0) {
                runStart = i;
            } else if (run > MAX_RUN) {
                Loc l = at(text, runStart, source);
                throw new ConfigException(new Loc(source, l.line(), l.column() + columnOffset), "more than " + MAX_RUN
                        + " characters without a space or line break (no config value is that long; break lists with spaces)");
            }
        }
    }

    private static boolean forbidden(char c) {
        return c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0x7F && c <= 0x9F && c != 0x85 || c == 0xFFFE || c == 0xFFFF;
    }

    private static String latin1Hint(byte b) {
        int v = b & 0xff;
        return v >= 0xA0 ? "'" + (char) v + "' in Latin-1" : v >= 0x80 ? "a stray continuation byte" : "an ASCII byte";
    }

    /** The 1-based line and column of text[index]. */
    private static Loc at(String text, int index, String source) {
        int line = 1, col = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new Loc(source, line, col);
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if ((b[i] & 0xff) != prefix[i]) return false;
        return true;
    }
}
