package nn.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small JSON subset nn needs, both ways (checkpoint headers, summaries, jsonl rows). Writing: maps,
 * collections, double[] and int[], strings, booleans, null, whole numbers and doubles (text that reads back to the
 * same double; NaN and infinities as the strings "NaN", "Infinity", "-Infinity", or as null for output meant for
 * jq and friends). Reading gives LinkedHashMap, ArrayList, String, Long (no fraction or exponent),
 * Double, Boolean and null; any syntax error is an {@link IllegalArgumentException} with the offset.
 */
public final class Json {
    /** How NaN and infinities are written. */
    public enum NonFinite { AS_STRING, AS_NULL }

    private final String s;
    private int i;

    private Json(String s) {
        this.s = s;
    }

    /** JSON text for v, non-finite numbers as strings (so that {@link #real} reads them back). */
    public static String write(Object v) {
        return write(v, NonFinite.AS_STRING);
    }

    public static String write(Object v, NonFinite nonFinite) {
        StringBuilder sb = new StringBuilder();
        write(sb, v, nonFinite);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v, NonFinite nf) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Float f) {
            write(sb, f.doubleValue(), nf);
        } else if (v instanceof Double d) {
            if (Double.isFinite(d)) sb.append(d);
            else if (nf == NonFinite.AS_NULL) sb.append("null");
            else string(sb, d.isNaN() ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) sb.append(',');
                first = false;
                string(sb, String.valueOf(e.getKey()));
                sb.append(':');
                write(sb, e.getValue(), nf);
            }
            sb.append('}');
        } else if (v instanceof Collection<?> c) {
            sb.append('[');
            boolean first = true;
            for (Object o : c) {
                if (!first) sb.append(',');
                first = false;
                write(sb, o, nf);
            }
            sb.append(']');
        } else if (v instanceof int[] a) {
            List<Integer> l = new ArrayList<>();
            for (int x : a) l.add(x);
            write(sb, l, nf);
        } else if (v instanceof double[] a) {
            List<Double> l = new ArrayList<>();
            for (double x : a) l.add(x);
            write(sb, l, nf);
        } else {
            string(sb, v.toString());
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }

    /** Parses JSON text; a syntax error is an IllegalArgumentException naming the offset. */
    public static Object read(String text) {
        Json p = new Json(text);
        Object v = p.value();
        p.ws();
        if (p.i != text.length()) throw p.error("trailing characters");
        return v;
    }

    /** A number written by {@link #write}: a JSON number or one of the non-finite strings. */
    public static double real(Object v) {
        if (v instanceof Number n) return n.doubleValue();
        if (v instanceof String t) {
            switch (t) {
                case "NaN": return Double.NaN;
                case "Infinity": return Double.POSITIVE_INFINITY;
                case "-Infinity": return Double.NEGATIVE_INFINITY;
                default: break;
            }
        }
        throw new IllegalArgumentException("expected a number, found " + v);
    }

    private Object value() {
        ws();
        if (i >= s.length()) throw error("unexpected end");
        char c = s.charAt(i);
        switch (c) {
            case '{': {
                i++;
                Map<String, Object> m = new LinkedHashMap<>();
                ws();
                if (peek() == '}') {
                    i++;
                    return m;
                }
                while (true) {
                    ws();
                    if (peek() != '"') throw error("expected a key");
                    String k = str();
                    ws();
                    expect(':');
                    m.put(k, value());
                    ws();
                    if (peek() == ',') {
                        i++;
                    } else {
                        expect('}');
                        return m;
                    }
                }
            }
            case '[': {
                i++;
                List<Object> l = new ArrayList<>();
                ws();
                if (peek() == ']') {
                    i++;
                    return l;
                }
                while (true) {
                    l.add(value());
                    ws();
                    if (peek() == ',') {
                        i++;
                    } else {
                        expect(']');
                        return l;
                    }
                }
            }
            case '"':
                return str();
            default:
                if (s.startsWith("true", i)) {
                    i += 4;
                    return Boolean.TRUE;
                }
                if (s.startsWith("false", i)) {
                    i += 5;
                    return Boolean.FALSE;
                }
                if (s.startsWith("null", i)) {
                    i += 4;
                    return null;
                }
                return number();
        }
    }

    private Object number() {
        int start = i;
        while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
        String t = s.substring(start, i);
        if (t.isEmpty()) throw error("unexpected character '" + s.charAt(start) + "'");
        try {
            if (t.indexOf('.') < 0 && t.indexOf('e') < 0 && t.indexOf('E') < 0) return Long.parseLong(t);
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw error("bad number '" + t + "'");
        }
    }

    private String str() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (i >= s.length()) throw error("unterminated string");
            char c = s.charAt(i++);
            if (c == '"') return sb.toString();
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (i >= s.length()) throw error("unterminated string");
            char e = s.charAt(i++);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> {
                    if (i + 4 > s.length()) throw error("bad \\u escape");
                    try {
                        sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw error("bad \\u escape");
                    }
                    i += 4;
                }
                default -> sb.append(e);
            }
        }
    }

    private char peek() {
        if (i >= s.length()) throw error("unexpected end");
        return s.charAt(i);
    }

    private void expect(char c) {
        if (peek() != c) throw error("expected '" + c + "'");
        i++;
    }

    private void ws() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("malformed JSON at offset " + i + ": " + what);
    }
}
