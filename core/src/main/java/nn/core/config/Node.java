package nn.core.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A config tree that remembers where every value came from. Maps keep key order and are mutable, so that
 * overrides can replace subtrees and readers can fill in defaults (which {@code --print-config} then shows).
 */
public sealed interface Node permits Node.Scalar, Node.Seq, Node.Mapping {
    Loc loc();

    /** The plain Java value: String, Long, Double, Boolean, null, List or LinkedHashMap. */
    Object plain();

    /** A YAML scalar with its resolved type. */
    record Scalar(String text, Kind kind, Loc loc) implements Node {
        public enum Kind { NULL, BOOL, INT, FLOAT, STR }

        public static Scalar of(Object value, Loc loc) {
            if (value == null) return new Scalar("null", Kind.NULL, loc);
            if (value instanceof Boolean) return new Scalar(value.toString(), Kind.BOOL, loc);
            if (value instanceof Integer || value instanceof Long) return new Scalar(value.toString(), Kind.INT, loc);
            if (value instanceof Number) return new Scalar(value.toString(), Kind.FLOAT, loc);
            return new Scalar(value.toString(), Kind.STR, loc);
        }

        @Override
        public Object plain() {
            return switch (kind) {
                case NULL -> null;
                case BOOL -> Boolean.valueOf(text.equalsIgnoreCase("true") || text.equalsIgnoreCase("yes")
                        || text.equalsIgnoreCase("on"));
                case INT -> {
                    try {
                        yield Long.valueOf(text.replace("_", ""));
                    } catch (NumberFormatException e) {
                        yield text;
                    }
                }
                case FLOAT -> realValue();
                case STR -> text;
            };
        }

        /** The number this scalar denotes (INT or FLOAT, YAML 1.1 spellings such as .inf and 1e-3). */
        public double realValue() {
            return real(text);
        }

        /** The number a decimal YAML scalar denotes (1e-3, 1_000, .inf, .nan); a NumberFormatException for other text. */
        public static double real(String text) {
            String t = text.replace("_", "");
            return switch (t.toLowerCase(java.util.Locale.ROOT)) {
                case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
                case "-.inf" -> Double.NEGATIVE_INFINITY;
                case ".nan" -> Double.NaN;
                default -> Double.parseDouble(t);
            };
        }

        public boolean isNumber() {
            return kind == Kind.INT || kind == Kind.FLOAT;
        }
    }

    /** A YAML sequence. */
    record Seq(List<Node> items, Loc loc) implements Node {
        @Override
        public Object plain() {
            List<Object> out = new ArrayList<>();
            for (Node n : items) out.add(n.plain());
            return out;
        }
    }

    /** A YAML mapping with string keys, each key with its own location. */
    final class Mapping implements Node {
        private final LinkedHashMap<String, Node> values = new LinkedHashMap<>();
        private final LinkedHashMap<String, Loc> keyLocs = new LinkedHashMap<>();
        private final Loc loc;

        public Mapping(Loc loc) {
            this.loc = loc;
        }

        @Override
        public Loc loc() {
            return loc;
        }

        public Node get(String key) {
            return values.get(key);
        }

        public Loc keyLoc(String key) {
            return keyLocs.getOrDefault(key, loc);
        }

        public void put(String key, Loc keyLoc, Node value) {
            values.put(key, value);
            keyLocs.put(key, keyLoc);
        }

        public Node remove(String key) {
            keyLocs.remove(key);
            return values.remove(key);
        }

        public Map<String, Node> entries() {
            return values;
        }

        @Override
        public Object plain() {
            LinkedHashMap<String, Object> out = new LinkedHashMap<>();
            values.forEach((k, v) -> out.put(k, v.plain()));
            return out;
        }
    }
}
