package nn.core.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nn.core.Names;
import nn.core.spi.Param;
import nn.core.spi.Params;

/**
 * A provider's parameters read from its config mapping ({@code {type: leaky_relu, alpha: 0.2}}), checked against
 * the provider's declared {@link Param}s: unknown keys and wrong types are rejected here, ranges by the provider.
 * Defaults are filled into the mapping, so the resolved config shows them.
 */
public final class NodeParams implements Params {
    private final String path;
    private final Node.Mapping map;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, Loc> locs = new LinkedHashMap<>();
    private final Map<String, String> texts = new LinkedHashMap<>();

    /**
     * @param map      the provider's mapping (null when it was named by a plain string)
     * @param ignored  keys read by someone else (e.g. {@code type})
     */
    public NodeParams(String path, Node.Mapping map, Loc at, List<Param> declared, Set<String> ignored) {
        this.path = path;
        this.map = map;
        Map<String, Param> byName = new LinkedHashMap<>();
        for (Param p : declared) byName.put(p.name(), p);
        if (map != null) {
            for (Map.Entry<String, Node> e : map.entries().entrySet()) {
                if (ignored.contains(e.getKey())) continue;
                if (!byName.containsKey(e.getKey())) {
                    java.util.Set<String> known = new java.util.TreeSet<>(byName.keySet());
                    known.addAll(ignored); // the keys read around the parameters (type) are known too
                    String hint = known.isEmpty() ? "(it takes no parameters)" : Names.suggest(e.getKey(), known);
                    throw new ConfigException(map.keyLoc(e.getKey()), path + "." + e.getKey() + ": unknown parameter " + hint);
                }
            }
        }
        for (Param p : declared) {
            if (p.type() == Param.Type.SPEC) continue;
            Node n = map == null ? null : map.get(p.name());
            String where = path + "." + p.name();
            if (n == null) {
                if (p.value() == null && p.type() != Param.Type.STRING) {
                    throw new ConfigException(map == null ? at : map.loc(), where + ": missing (" + p.doc() + ")");
                }
                values.put(p.name(), p.value());
                locs.put(p.name(), map == null ? at : map.loc());
                if (map != null && p.value() != null) map.put(p.name(), map.loc(), Node.Scalar.of(p.value(), map.loc()));
                continue;
            }
            locs.put(p.name(), n.loc());
            if (n instanceof Node.Scalar sc) texts.put(p.name(), sc.text());
            values.put(p.name(), switch (p.type()) {
                case REAL -> Cfg.real(n, where, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
                case INT -> Cfg.integer(n, where, Long.MIN_VALUE, Long.MAX_VALUE);
                case BOOL -> Cfg.bool(n, where);
                case STRING -> {
                    if (!(n instanceof Node.Scalar s) || s.kind() == Node.Scalar.Kind.NULL) {
                        throw new ConfigException(n.loc(), where + ": expected a text value, found " + Yaml.describe(n));
                    }
                    yield s.text();
                }
                case SPEC -> throw new IllegalStateException();
            });
        }
    }

    public Node.Mapping mapping() {
        return map;
    }

    @Override
    public double real(String name, double min, double max) {
        Object v = get(name);
        double d = ((Number) v).doubleValue();
        if (!(d >= min && d <= max)) throw outOfRange(name, Cfg.range(min, max));
        return d;
    }

    @Override
    public double realAbove(String name, double min, double max) {
        double d = ((Number) get(name)).doubleValue();
        if (!(d > min && d <= max)) throw outOfRange(name, Cfg.range(min, true, max));
        return d;
    }

    @Override
    public long integer(String name, long min, long max) {
        long v = ((Number) get(name)).longValue();
        if (v < min || v > max) throw outOfRange(name, Cfg.range(min, max));
        return v;
    }

    /** "PATH.NAME: VALUE is out of range (expected RANGE)", at the value (or at the mapping, for a default). */
    private ConfigException outOfRange(String name, String range) {
        return new ConfigException(locs.get(name), path + "." + name + ": " + texts.getOrDefault(name, String.valueOf(values.get(name)))
                + " is out of range (expected " + range + ")");
    }

    @Override
    public boolean bool(String name) {
        return (Boolean) get(name);
    }

    @Override
    public String string(String name) {
        return (String) get(name);
    }

    @Override
    public RuntimeException invalid(String name, String whatWouldBeRight) {
        return new ConfigException(locs.getOrDefault(name, map == null ? new Loc(path, 0, 0) : map.loc()),
                path + "." + name + ": " + texts.getOrDefault(name, String.valueOf(values.get(name))) + " is not valid (" + whatWouldBeRight + ")");
    }

    private Object get(String name) {
        if (!values.containsKey(name)) throw new IllegalArgumentException("parameter '" + name + "' was not declared by " + path);
        return values.get(name);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
