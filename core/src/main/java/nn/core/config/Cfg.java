package nn.core.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import nn.core.Names;

/**
 * A reader over one mapping of the config: typed getters that name the path and the location of a bad value,
 * fill in defaults (so the resolved config shows them), and remember which keys were asked for, so that
 * {@link #finish()} can reject a key nobody reads, with the closest known key.
 */
public final class Cfg {
    private final Node.Mapping map;
    private final String path;
    private final Set<String> known = new LinkedHashSet<>();

    public Cfg(Node.Mapping map, String path) {
        this.map = map;
        this.path = path;
    }

    /** Reads the mapping at {@code key}, creating an empty one when absent. */
    public Cfg section(String key) {
        Node n = node(key);
        if (n == null || n instanceof Node.Scalar s && s.kind() == Node.Scalar.Kind.NULL) {
            Node.Mapping m = new Node.Mapping(map.keyLoc(key));
            map.put(key, map.loc(), m);
            return new Cfg(m, child(key));
        }
        if (!(n instanceof Node.Mapping m)) throw error(key, "expected a mapping of keys, found " + Yaml.describe(n));
        return new Cfg(m, child(key));
    }

    public Node.Mapping mapping() {
        return map;
    }

    public String path() {
        return path;
    }

    public Loc loc() {
        return map.loc();
    }

    /** The full path of a key in this mapping, e.g. {@code training.epochs}. */
    public String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The raw node at key (null when absent); marks the key as known. */
    public Node node(String key) {
        known.add(key);
        return map.get(key);
    }

    public boolean has(String key) {
        known.add(key);
        Node n = map.get(key);
        return n != null && !(n instanceof Node.Scalar s && s.kind() == Node.Scalar.Kind.NULL);
    }

    /** Marks keys as read elsewhere (so finish() accepts them). */
    public void known(String... keys) {
        known.addAll(List.of(keys));
    }

    public String string(String key, String dflt) {
        Node n = node(key);
        if (n == null) return fill(key, dflt);
        if (!(n instanceof Node.Scalar s) || s.kind() == Node.Scalar.Kind.NULL) {
            throw error(key, "expected a text value, found " + Yaml.describe(n));
        }
        if (s.kind() != Node.Scalar.Kind.STR) map.put(key, map.keyLoc(key), asText(s));
        return s.text();
    }

    /**
     * A scalar read where text is expected, as text: {@code name: no} is the name "no", not YAML 1.1's false, and
     * stays "no" when the resolved config is written back (--print-config, checkpoints).
     */
    private static Node.Scalar asText(Node.Scalar s) {
        return s.kind() == Node.Scalar.Kind.STR ? s : new Node.Scalar(s.text(), Node.Scalar.Kind.STR, s.loc());
    }

    public String requiredString(String key) {
        String s = string(key, null);
        if (s == null) throw missing(key, "a text value");
        return s;
    }

    public double real(String key, double dflt, double min, double max) {
        Node n = node(key);
        if (n == null) return fill(key, dflt);
        return real(n, child(key), min, max);
    }

    public double requiredReal(String key, double min, double max) {
        Node n = node(key);
        if (n == null) throw missing(key, "a number");
        return real(n, child(key), min, max);
    }

    public long integer(String key, long dflt, long min, long max) {
        Node n = node(key);
        if (n == null) return fill(key, dflt);
        return integer(n, child(key), min, max);
    }

    public long requiredInteger(String key, long min, long max) {
        Node n = node(key);
        if (n == null) throw missing(key, "a whole number");
        return integer(n, child(key), min, max);
    }

    public boolean bool(String key, boolean dflt) {
        Node n = node(key);
        if (n == null) return fill(key, dflt);
        return bool(n, child(key));
    }

    /** The list at key; an absent key gives an empty list. */
    public List<Node> list(String key) {
        Node n = node(key);
        if (n == null) return List.of();
        if (!(n instanceof Node.Seq s)) throw error(key, "expected a list, found " + Yaml.describe(n));
        return s.items();
    }

    /** The strings of a list at key (or a single string, as a one-element list). */
    public List<String> strings(String key) {
        Node n = node(key);
        if (n == null) return List.of();
        if (n instanceof Node.Scalar s && s.kind() != Node.Scalar.Kind.NULL) {
            map.put(key, map.keyLoc(key), asText(s));
            return List.of(s.text());
        }
        if (!(n instanceof Node.Seq seq)) throw error(key, "expected a list of names, found " + Yaml.describe(n));
        List<String> out = new ArrayList<>();
        List<Node> items = new ArrayList<>();
        for (Node item : seq.items()) {
            if (!(item instanceof Node.Scalar s) || s.kind() == Node.Scalar.Kind.NULL) {
                throw new ConfigException(item.loc(), child(key) + ": expected a name, found " + Yaml.describe(item));
            }
            out.add(s.text());
            items.add(asText(s));
        }
        map.put(key, map.keyLoc(key), new Node.Seq(items, seq.loc()));
        return out;
    }

    /** Rejects any key that was never asked for, with the closest known key. */
    public void finish() {
        for (String key : map.entries().keySet()) {
            if (!known.contains(key)) {
                throw new ConfigException(map.keyLoc(key), child(key) + ": unknown key " + Names.suggest(key, known));
            }
        }
    }

    public ConfigException error(String key, String message) {
        Node n = map.get(key);
        Loc at = n != null ? n.loc() : map.loc();
        return new ConfigException(at, child(key) + ": " + message);
    }

    /**
     * A required key is absent. When a key not read so far is a near miss of it ({@code paht:} for {@code path:}),
     * that key is the mistake, and is named instead.
     */
    public ConfigException missing(String key, String what) {
        ConfigException typo = typo(List.of(key));
        return typo != null ? typo : new ConfigException(map.loc(), child(key) + ": missing (expected " + what + ")");
    }

    /** None of keys is here (one of them is needed): a near miss of one is named, else what is expected. */
    public ConfigException missingOneOf(List<String> keys, String what) {
        ConfigException typo = typo(keys);
        return typo != null ? typo : new ConfigException(map.loc(), path + ": expected " + what);
    }

    /** A key not read so far that is a near miss of one of keys, as the error to report; null when there is none. */
    public ConfigException typo(List<String> keys) {
        for (String k : map.entries().keySet()) {
            String near = known.contains(k) ? null : Names.closest(k, keys);
            if (near != null) return new ConfigException(map.keyLoc(k), child(k) + ": unknown key (did you mean " + near + "? it is missing)");
        }
        return null;
    }

    private <T> T fill(String key, T dflt) {
        if (dflt != null) map.put(key, map.loc(), Node.Scalar.of(dflt, map.loc()));
        return dflt;
    }

    // ---- node-level conversions, shared with provider parameters ----

    public static double real(Node n, String path, double min, double max) {
        if (!(n instanceof Node.Scalar s) || !s.isNumber()) throw notA("a number", n, path);
        double v = s.realValue();
        if (!Double.isFinite(v)) {
            throw new ConfigException(n.loc(), path + ": expected a finite number, found '" + s.text() + "'");
        }
        if (!(v >= min && v <= max)) {
            throw new ConfigException(n.loc(), path + ": " + s.text() + " is out of range (expected " + range(min, max) + ")");
        }
        return v;
    }

    public static long integer(Node n, String path, long min, long max) {
        if (!(n instanceof Node.Scalar s) || s.kind() != Node.Scalar.Kind.INT) throw notA("a whole number", n, path);
        long v;
        try {
            v = Long.parseLong(s.text().replace("_", ""));
        } catch (NumberFormatException e) { // decimal digits (Yaml reads no other whole numbers), beyond 64 bits
            throw new ConfigException(n.loc(), path + ": " + s.text() + " is out of the 64-bit range (expected " + range(min, max) + ")");
        }
        if (v < min || v > max) {
            throw new ConfigException(n.loc(), path + ": " + v + " is out of range (expected " + range(min, max) + ")");
        }
        return v;
    }

    /**
     * A value of the wrong type where {@code what} is expected; text that YAML 1.1 reads as a number in another
     * base (0x1F, 1:30) says so, and what to write.
     */
    private static ConfigException notA(String what, Node n, String path) {
        String yaml11 = n instanceof Node.Scalar s && s.kind() == Node.Scalar.Kind.STR ? Yaml.yaml11Number(s.text()) : null;
        return new ConfigException(n.loc(), path + ": expected " + what + ", found " + Yaml.describe(n) + (yaml11 == null ? "" : " (" + yaml11 + ")"));
    }

    public static boolean bool(Node n, String path) {
        if (!(n instanceof Node.Scalar s) || s.kind() != Node.Scalar.Kind.BOOL) {
            throw new ConfigException(n.loc(), path + ": expected true or false, found " + Yaml.describe(n));
        }
        return (Boolean) s.plain();
    }

    static String range(double min, double max) {
        if (min == Double.NEGATIVE_INFINITY && max == Double.POSITIVE_INFINITY) return "a finite number";
        if (max == Double.POSITIVE_INFINITY) return "a number >= " + fmt(min);
        if (min == Double.NEGATIVE_INFINITY) return "a number <= " + fmt(max);
        return "a number in [" + fmt(min) + ", " + fmt(max) + "]";
    }

    /** As {@link #range(double, double)}, with min itself excluded when minExcluded: "a number > 0". */
    static String range(double min, boolean minExcluded, double max) {
        if (!minExcluded) return range(min, max);
        if (max == Double.POSITIVE_INFINITY) return "a number > " + fmt(min);
        return "a number in (" + fmt(min) + ", " + fmt(max) + "]";
    }

    static String range(long min, long max) {
        if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) return "a whole number from " + min + " to " + max;
        if (max == Long.MAX_VALUE) return "a whole number >= " + min;
        return "a whole number in [" + min + ", " + max + "]";
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
