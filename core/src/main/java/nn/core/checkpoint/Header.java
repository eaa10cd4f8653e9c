package nn.core.checkpoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nn.core.Json;

/**
 * One JSON object of a checkpoint's header, read with the type of every value checked: a getter returns the value
 * of its key or throws {@link Invalid} saying which key, what it holds and what it must hold, e.g.
 * {@code best.epoch is "2" (must be a whole number)}. {@link Json#read} gives Long for numbers written without a
 * fraction or exponent and Double otherwise, so a whole number refuses 3.0 as it refuses "3": nn never writes either.
 *
 * <p>Types only: what the values mean together is {@link Invariants}'s to check.
 */
final class Header {
    /** What is wrong with a checkpoint's content, said without the file (the reader puts it in front). */
    static final class Invalid extends RuntimeException {
        Invalid(String what) {
            super(what, null, false, false);
        }
    }

    private final Map<?, ?> m;
    private final String at;

    /** @param at how the object is named in messages, with a trailing dot ({@code best.}), or "" for the top level */
    Header(Map<?, ?> m, String at) {
        this.m = m;
        this.at = at;
    }

    /** value as an object named name, e.g. an entry {@code arrays[2]} of a list. */
    static Header of(Object value, String name) {
        if (!(value instanceof Map<?, ?> o)) throw new Invalid(name + " is " + show(value) + " (must be an object {…})");
        return new Header(o, name + ".");
    }

    boolean has(String key) {
        return m.get(key) != null;
    }

    Header object(String key) {
        return of(get(key, "an object {…}"), at + key);
    }

    List<?> list(String key) {
        Object v = get(key, "a list […]");
        if (!(v instanceof List<?> l)) throw wrong(key, v, "a list […]");
        return l;
    }

    long whole(String key) {
        Object v = get(key, "a whole number");
        if (!(v instanceof Long l)) throw wrong(key, v, "a whole number");
        return l;
    }

    /** A number as {@link Json#write} writes one: a JSON number, or "NaN", "Infinity", "-Infinity". */
    double real(String key) {
        return real(get(key, "a number"), at + key);
    }

    static double real(Object v, String name) {
        if (v instanceof Number || "NaN".equals(v) || "Infinity".equals(v) || "-Infinity".equals(v)) return Json.real(v);
        throw new Invalid(name + " is " + show(v) + " (must be a number)");
    }

    boolean flag(String key) {
        Object v = get(key, "true or false");
        if (!(v instanceof Boolean b)) throw wrong(key, v, "true or false");
        return b;
    }

    String text(String key) {
        Object v = get(key, "a string");
        if (!(v instanceof String s)) throw wrong(key, v, "a string");
        return s;
    }

    /** The string at key, or dflt when the key is absent (files written before it existed). */
    String text(String key, String dflt) {
        return has(key) ? text(key) : dflt;
    }

    List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        List<?> l = list(key);
        for (int i = 0; i < l.size(); i++) {
            if (!(l.get(i) instanceof String s)) throw new Invalid(at + key + "[" + i + "] is " + show(l.get(i)) + " (must be a string)");
            out.add(s);
        }
        return List.copyOf(out);
    }

    /** Every value as a number, by key in file order (a history row). */
    Map<String, Double> reals() {
        Map<String, Double> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put((String) k, real(v, at + key((String) k)))); // Json.read's keys are strings
        return out;
    }

    private Object get(String key, String what) {
        Object v = m.get(key);
        if (v == null) throw new Invalid((m.containsKey(key) ? at + key + " is null" : "no " + at + key) + " (must be " + what + ")");
        return v;
    }

    private Invalid wrong(String key, Object v, String what) {
        return new Invalid(at + key + " is " + show(v) + " (must be " + what + ")");
    }

    /** A value as JSON on one line, cut to 40 characters: messages quote what the file holds without reprinting it. */
    static String show(Object v) {
        String s = Json.write(v);
        return s.length() <= 40 ? s : s.substring(0, 39) + "…";
    }

    /** A key from the file as a message shows it: as is when it is a plain name, else quoted (one line, escaped). */
    static String key(String k) {
        return k.matches("[A-Za-z0-9_]+") ? k : show(k);
    }
}
