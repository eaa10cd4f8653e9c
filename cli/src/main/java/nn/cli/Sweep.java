package nn.cli;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nn.core.BadInputException;
import nn.core.config.ConfigException;
import nn.core.config.Loc;
import nn.core.config.Node;
import nn.core.config.Yaml;

/**
 * What {@code nn sweep} runs: the cartesian grid of override values and the seeds each point runs for, from the
 * command line ({@code KEY=V1,V2,…}, {@code KEY=range(a,b,step)}, {@code --seeds 1-5}) and the config's
 * {@code sweep:} section. A key on the command line replaces the section's values of that key; {@code --seeds}
 * replaces its {@code seeds:}.
 *
 * <p>Values are YAML, as in any override. On the command line the values of a key are separated by commas outside
 * brackets, braces, parentheses and quotes: {@code units=32,64} is two values, {@code layers[0]=[32,64]} one (a
 * list), {@code x=[1,2],[3,4]} two lists, and {@code name='a,b'} one text with a comma in it.
 * {@code range(a, b, step)} (step 1 when left out) is a, a + step, … up to b excluded, as Python's range; in decimal
 * arithmetic, so {@code range(0.1, 0.5, 0.1)} is 0.1, 0.2, 0.3, 0.4.
 */
final class Sweep {
    /** The most values one range may give, and the most points a grid may have. */
    static final int MAX_VALUES = 10_000;
    private static final Pattern RANGE = Pattern.compile("range\\s*\\((.*)\\)", Pattern.DOTALL);
    private static final Pattern SEEDS = Pattern.compile("(\\d{1,18})(?:-(\\d{1,18}))?");

    /**
     * One swept key (written at keyLoc) and its values, each the text of an override's value (KEY=TEXT), with where
     * each was written: its column in the command-line argument, or its place in the config's sweep: section.
     */
    record Axis(String key, Loc keyLoc, List<String> values, List<Loc> from) {
        Axis {
            values = List.copyOf(values);
            from = java.util.Collections.unmodifiableList(new ArrayList<>(from));
        }
    }

    /**
     * A point of the grid: its index, and for every axis the override KEY=TEXT, in axis order.
     *
     * @param name the point's folder: index (as wide as the largest), then the short key=value of each axis that has
     *             more than one value
     */
    record Point(int index, String name, List<String> overrides, Map<String, String> values) {}

    private final List<Axis> axes;
    private final List<Long> seeds;

    private Sweep(List<Axis> axes, List<Long> seeds) {
        this.axes = List.copyOf(axes);
        this.seeds = seeds == null ? null : List.copyOf(seeds);
    }

    List<Axis> axes() {
        return axes;
    }

    /** The seeds every point runs for, or null for the config's own seed (then no seed override is added). */
    List<Long> seeds() {
        return seeds;
    }

    /** The keys that take more than one value: the columns that tell points apart. */
    List<String> varying() {
        return axes.stream().filter(a -> a.values().size() > 1).map(Axis::key).toList();
    }

    /**
     * The sweep of a config's sweep: section (null for none), the command line's KEY=VALUES arguments, and --seeds
     * (null when not given). Every mistake is a one-line {@link BadInputException} naming the argument or the place.
     */
    static Sweep of(Node section, List<String> args, String seedsOption) {
        Map<String, Axis> axes = new LinkedHashMap<>();
        List<Long> seeds = null;
        if (section != null) {
            if (!(section instanceof Node.Mapping m)) {
                throw new ConfigException(section.loc(), "sweep: expected a mapping of KEY: [VALUE, …] (and seeds: [S, …]), found "
                        + Yaml.describe(section));
            }
            for (Map.Entry<String, Node> e : m.entries().entrySet()) {
                if (e.getKey().equals("seeds")) seeds = seeds(e.getValue());
                else axes.put(e.getKey(), axis(e.getKey(), m.keyLoc(e.getKey()), e.getValue()));
            }
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (String arg : args) {
            Axis a = axis(arg);
            if (given.containsKey(a.key())) {
                throw new ConfigException(argLoc(arg, 1), a.key() + ": given twice (arguments '" + given.get(a.key()) + "' and '" + arg
                        + "'); list its values in one: " + a.key() + "=V1,V2,…");
            }
            given.put(a.key(), arg);
            axes.put(a.key(), a); // replaces the section's values of that key, in the section's place
        }
        if (seedsOption != null) seeds = seeds(seedsOption);
        long points = 1;
        for (Axis a : axes.values()) points *= a.values().size();
        if (points * (seeds == null ? 1 : seeds.size()) > MAX_VALUES) {
            throw new BadInputException("the sweep has " + points * (seeds == null ? 1 : seeds.size()) + " runs, more than " + MAX_VALUES
                    + " (sweep fewer values)");
        }
        return new Sweep(new ArrayList<>(axes.values()), seeds);
    }

    /** A command-line KEY=V1,V2,… argument. */
    static Axis axis(String arg) {
        int eq = arg.indexOf('=');
        if (eq <= 0) throw new ConfigException(argLoc(arg, 1), "expected KEY=VALUE[,VALUE…], e.g. optimizer.learning_rate=0.001,0.01");
        String key = arg.substring(0, eq).trim();
        checkKey(key, argLoc(arg, 1));
        List<String> values = new ArrayList<>();
        List<Loc> from = new ArrayList<>();
        for (int[] piece : split(arg, eq + 1)) {
            String raw = arg.substring(piece[0], piece[1]);
            int lead = raw.length() - raw.stripLeading().length();
            String text = raw.strip();
            int col = piece[0] + lead + 1; // 1-based column of the value in the argument
            if (text.isEmpty()) {
                throw new ConfigException(argLoc(arg, Math.min(col, arg.length())), key + ": an empty value (values are separated by commas;"
                        + " quote a value that holds one: '" + "a,b" + "')");
            }
            Matcher r = RANGE.matcher(text);
            if (r.matches()) {
                for (String v : range(r.group(1), key, argLoc(arg, col))) {
                    values.add(v);
                    from.add(argLoc(arg, col));
                }
            } else {
                if (!text.equals("-")) Yaml.parse(text, source(arg), col - 1); // malformed YAML located in the argument
                values.add(text);
                from.add(argLoc(arg, col));
            }
        }
        checkDistinct(key, values, argLoc(arg, eq + 2));
        return new Axis(key, argLoc(arg, 1), values, from);
    }

    /** A key of the sweep: section: a list of values, a range("…") text, or one value. */
    private static Axis axis(String key, Loc keyLoc, Node value) {
        checkKey(key, keyLoc);
        List<String> values = new ArrayList<>();
        List<Loc> from = new ArrayList<>();
        if (value instanceof Node.Seq s) {
            if (s.items().isEmpty()) throw new ConfigException(s.loc(), "sweep." + key + ": no values (list one or more: [V1, V2])");
            for (Node item : s.items()) {
                values.add(text(item));
                from.add(item.loc());
            }
        } else if (value instanceof Node.Scalar sc && sc.kind() == Node.Scalar.Kind.STR && RANGE.matcher(sc.text().strip()).matches()) {
            Matcher r = RANGE.matcher(sc.text().strip());
            r.matches();
            for (String v : range(r.group(1), "sweep." + key, sc.loc())) {
                values.add(v);
                from.add(sc.loc());
            }
        } else {
            values.add(text(value));
            from.add(value.loc());
        }
        checkDistinct("sweep." + key, values, value.loc());
        return new Axis(key, keyLoc, values, from);
    }

    /** A node's value as override text: scalars as written (text quoted when it needs to be), lists and mappings in flow style. */
    static String text(Node n) {
        if (n instanceof Node.Scalar s && s.kind() != Node.Scalar.Kind.STR) return s.text();
        String flow = Yaml.flow(List.of(n.plain()));
        return flow.substring(1, flow.length() - 1).strip(); // [v] -> v
    }

    private static void checkKey(String key, Loc at) {
        if (key.equals("seed")) {
            throw new ConfigException(at, "seed: seeds are swept with --seeds 1-5 (or seeds: [1, 2, 3] in the sweep section), not as a key");
        }
        if (key.equals("sweep") || key.startsWith("sweep.")) throw new ConfigException(at, key + ": a sweep cannot sweep its own section");
    }

    private static void checkDistinct(String what, List<String> values, Loc at) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String v : values) {
            if (!seen.add(v)) throw new ConfigException(at, what + ": the value '" + v + "' is given twice (each point runs once)");
        }
    }

    /**
     * The pieces of arg from index start on, split at commas outside brackets, braces, parentheses and quotes, as
     * [from, to) index pairs. Inside double quotes a backslash escapes the next character; inside single quotes ''
     * is a quote (two toggles, which this does).
     */
    static List<int[]> split(String arg, int start) {
        List<int[]> out = new ArrayList<>();
        int depth = 0, from = start;
        char quote = 0;
        for (int i = start; i < arg.length(); i++) {
            char ch = arg.charAt(i);
            if (quote != 0) {
                if (quote == '"' && ch == '\\') i++;
                else if (ch == quote) quote = 0;
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
            } else if (ch == '[' || ch == '{' || ch == '(') {
                depth++;
            } else if (ch == ']' || ch == '}' || ch == ')') {
                depth = Math.max(0, depth - 1);
            } else if (ch == ',' && depth == 0) {
                out.add(new int[] {from, i});
                from = i + 1;
            }
        }
        out.add(new int[] {from, arg.length()});
        return out;
    }

    /** range(a, b[, step]): a, a + step, … while before b (b excluded); whole numbers when a, b and step all are. */
    static List<String> range(String inside, String key, Loc at) {
        String[] parts = inside.split(",", -1);
        String form = key + ": range(" + inside.strip() + ")";
        if (parts.length < 2 || parts.length > 3) throw new ConfigException(at, form + ": expected range(start, stop) or range(start, stop, step)");
        BigDecimal[] n = new BigDecimal[3];
        n[2] = BigDecimal.ONE;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].strip();
            try {
                n[i] = new BigDecimal(p);
            } catch (NumberFormatException e) {
                throw new ConfigException(at, form + ": '" + p + "' is not a number");
            }
        }
        BigDecimal a = n[0], b = n[1], step = n[2];
        if (step.signum() == 0) throw new ConfigException(at, form + ": the step is 0");
        List<String> out = new ArrayList<>();
        boolean whole = isWhole(parts);
        for (BigDecimal v = a; step.signum() > 0 ? v.compareTo(b) < 0 : v.compareTo(b) > 0; v = v.add(step)) {
            if (out.size() == MAX_VALUES) throw new ConfigException(at, form + ": more than " + MAX_VALUES + " values");
            out.add(whole ? v.toBigInteger().toString() : decimal(v));
        }
        if (out.isEmpty()) {
            throw new ConfigException(at, form + ": no values (the stop is excluded, as in Python's range; "
                    + (step.signum() > 0 ? "the start must be below the stop" : "with a negative step the start must be above the stop") + ")");
        }
        return out;
    }

    private static boolean isWhole(String[] parts) {
        for (String p : parts) if (!p.strip().matches("[-+]?\\d+")) return false;
        return true;
    }

    /** A decimal as YAML reads it as a float: with a point (1.0, not 1), plain digits. */
    private static String decimal(BigDecimal v) {
        String s = v.toPlainString();
        return s.contains(".") ? s : s + ".0";
    }

    /** --seeds or seeds:: "1-5", "1,3,7", "1-3,10"; a whole number; or (section) a list of whole numbers. */
    static List<Long> seeds(String text) {
        List<Long> out = new ArrayList<>();
        String bad = "--seeds " + text + ": expected seeds such as 1-5, 1,3,7 or 1-3,10";
        for (String part : text.split(",", -1)) {
            Matcher m = SEEDS.matcher(part.strip());
            if (!m.matches()) throw new BadInputException(bad);
            long lo = Long.parseLong(m.group(1)), hi = m.group(2) == null ? lo : Long.parseLong(m.group(2));
            if (hi < lo) throw new BadInputException("--seeds " + text + ": " + part.strip() + " runs backwards (write " + hi + "-" + lo + ")");
            if (hi - lo >= MAX_VALUES) throw new BadInputException("--seeds " + text + ": more than " + MAX_VALUES + " seeds");
            for (long s = lo; s <= hi; s++) out.add(s);
        }
        distinctSeeds(out, "--seeds " + text);
        return out;
    }

    private static List<Long> seeds(Node n) {
        List<Long> out = new ArrayList<>();
        if (n instanceof Node.Scalar s && s.kind() == Node.Scalar.Kind.STR) {
            try {
                return seeds(s.text());
            } catch (BadInputException e) {
                throw new ConfigException(s.loc(), "sweep.seeds: '" + s.text() + "': expected seeds such as 1-5, 1,3,7 or [1, 2, 3]");
            }
        }
        List<Node> items = n instanceof Node.Seq q ? q.items() : List.of(n);
        if (items.isEmpty()) throw new ConfigException(n.loc(), "sweep.seeds: no seeds (list one or more: [1, 2, 3])");
        for (Node item : items) {
            if (!(item instanceof Node.Scalar s) || s.kind() != Node.Scalar.Kind.INT) {
                throw new ConfigException(item.loc(), "sweep.seeds: expected whole numbers, found " + Yaml.describe(item));
            }
            try {
                out.add(Long.parseLong(s.text().replace("_", "").replaceFirst("^\\+", "")));
            } catch (NumberFormatException e) {
                throw new ConfigException(item.loc(), "sweep.seeds: '" + s.text() + "' is not a whole number nn reads as written");
            }
        }
        try {
            distinctSeeds(out, "sweep.seeds");
        } catch (BadInputException e) {
            throw new ConfigException(n.loc(), e.getMessage());
        }
        return out;
    }

    private static void distinctSeeds(List<Long> seeds, String what) {
        TreeSet<Long> seen = new TreeSet<>();
        for (long s : seeds) if (!seen.add(s)) throw new BadInputException(what + ": the seed " + s + " is given twice");
    }

    /** The grid's points, the last axis varying fastest (as nested loops in axis order). */
    List<Point> points() {
        int count = 1;
        for (Axis a : axes) count *= a.values().size();
        List<String> varying = varying();
        Map<String, String> shortKeys = shortKeys(varying);
        int width = Integer.toString(Math.max(0, count - 1)).length();
        List<Point> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<String> overrides = new ArrayList<>();
            Map<String, String> values = new LinkedHashMap<>();
            List<String> parts = new ArrayList<>();
            int rest = i;
            int[] pick = new int[axes.size()];
            for (int k = axes.size() - 1; k >= 0; k--) {
                int size = axes.get(k).values().size();
                pick[k] = rest % size;
                rest /= size;
            }
            for (int k = 0; k < axes.size(); k++) {
                Axis a = axes.get(k);
                String v = a.values().get(pick[k]);
                overrides.add(a.key() + "=" + v);
                values.put(a.key(), v);
                if (a.values().size() > 1) parts.add(shortKeys.get(a.key()) + "=" + v);
            }
            String index = String.format("%0" + width + "d", i);
            String label = safe(String.join(",", parts));
            out.add(new Point(i, label.isEmpty() ? index : index + "-" + label, overrides, values));
        }
        return out;
    }

    /**
     * A mistake the config found in the override of axis k at point p (KEY=TEXT, made from what was written on the
     * command line or in the sweep: section), said where that was written: a mistake in the key at the key; in a
     * value written verbatim in a command-line argument, at its column there; else at the value (a range's at the
     * range). Other mistakes are returned as they are.
     */
    ConfigException relocate(ConfigException ex, Point p, int k) {
        Axis a = axes.get(k);
        String override = p.overrides().get(k);
        Loc origin = a.from().get(a.values().indexOf(p.values().get(a.key())));
        Loc at = ex.loc();
        if (at == null || !at.source().equals(source(override)) || !ex.getMessage().startsWith(at + ": ")) return ex;
        String message = ex.getMessage().substring(at.toString().length() + 2);
        int valueColumn = override.indexOf('=') + 2;
        Loc to = at.column() < valueColumn ? a.keyLoc() : origin;
        String prefix = "argument '";
        if (at.column() >= valueColumn && origin.source().startsWith(prefix) && origin.source().endsWith("'")) {
            String arg = origin.source().substring(prefix.length(), origin.source().length() - 1);
            if (arg.startsWith(override.substring(valueColumn - 1), origin.column() - 1)) {
                to = new Loc(origin.source(), 1, origin.column() + at.column() - valueColumn);
            }
        }
        return new ConfigException(to, message);
    }

    /**
     * Each key's shortest dotted suffix that no other key shares: optimizer.learning_rate → learning_rate,
     * model.layers[0].units and model.layers[1].units → layers[0].units and layers[1].units.
     */
    static Map<String, String> shortKeys(List<String> keys) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : keys) {
            String[] parts = k.split("\\.");
            String s = k;
            for (int n = 1; n <= parts.length; n++) {
                String candidate = String.join(".", java.util.Arrays.copyOfRange(parts, parts.length - n, parts.length));
                int taken = 0;
                for (String other : keys) if (other.equals(candidate) || other.endsWith("." + candidate)) taken++;
                if (taken == 1) {
                    s = candidate;
                    break;
                }
            }
            out.put(k, s);
        }
        return out;
    }

    /** A folder name from key=value text: letters, digits and ._+-=, (the rest as _), at most 80 characters. */
    static String safe(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 80; i++) {
            char c = s.charAt(i);
            b.append(c < 128 && (Character.isLetterOrDigit(c) || "._+-=,".indexOf(c) >= 0) ? c : '_');
        }
        return b.toString();
    }

    static String source(String arg) {
        return "argument '" + arg + "'";
    }

    private static Loc argLoc(String arg, int column) {
        return new Loc(source(arg), 1, column);
    }
}
