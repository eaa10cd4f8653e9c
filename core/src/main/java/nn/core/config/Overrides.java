package nn.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies {@code KEY=VALUE} arguments to a config tree: KEY is a dotted path with list indices
 * ({@code model.layers[1].units}), VALUE is read as YAML ({@code 3}, {@code [[1,0]]}, {@code {type: adam}}).
 * Missing mappings on the way are created; a list index must exist or be the next one.
 */
public final class Overrides {
    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)((?:\\[\\d+])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

    private Overrides() {}

    public static void apply(Node.Mapping root, List<String> args) {
        for (String arg : args) apply(root, arg);
    }

    public static void apply(Node.Mapping root, String arg) {
        String source = "argument '" + arg + "'";
        int eq = arg.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException(new Loc(source, 1, 1), "expected KEY=VALUE, e.g. training.epochs=10");
        }
        String key = arg.substring(0, eq).trim();
        String text = arg.substring(eq + 1);
        // A lone "-" means standard input (data.train.csv=-), not a YAML list with one empty item.
        Node value = text.trim().equals("-") ? new Node.Scalar("-", Node.Scalar.Kind.STR, new Loc(source, 1, eq + 2))
                : Yaml.parse(text, source, eq + 1);
        if (value == null) value = new Node.Scalar("null", Node.Scalar.Kind.NULL, new Loc(source, 1, eq + 2));
        List<Object> path = parsePath(key, source);
        Node cur = root;
        for (int i = 0; i < path.size() - 1; i++) {
            cur = step(cur, path.get(i), path.get(i + 1), key, source);
        }
        Object last = path.get(path.size() - 1);
        Loc keyLoc = new Loc(source, 1, 1);
        if (last instanceof String name) {
            ((Node.Mapping) cur).put(name, keyLoc, value);
        } else {
            Node.Seq seq = (Node.Seq) cur;
            int idx = (Integer) last;
            List<Node> items = new ArrayList<>(seq.items());
            if (idx < items.size()) items.set(idx, value);
            else items.add(value);
            replaceItems(seq, items);
        }
    }

    private static Node step(Node cur, Object seg, Object next, String key, String source) {
        Loc at = new Loc(source, 1, 1);
        if (seg instanceof String name) {
            if (!(cur instanceof Node.Mapping m)) throw new ConfigException(at, key + ": '" + name + "' is not inside a mapping");
            Node child = m.get(name);
            if (child == null) {
                child = next instanceof String ? new Node.Mapping(at) : new Node.Seq(new ArrayList<>(), at);
                m.put(name, at, child);
            }
            return checkKind(child, next, key, at);
        }
        int idx = (Integer) seg;
        if (!(cur instanceof Node.Seq s)) throw new ConfigException(at, key + ": [" + idx + "] applied to something that is not a list");
        if (idx >= s.items().size()) {
            throw new ConfigException(at, key + ": index " + idx + " is out of range (the list has " + s.items().size() + " items)");
        }
        return checkKind(s.items().get(idx), next, key, at);
    }

    private static Node checkKind(Node child, Object next, String key, Loc at) {
        if (next instanceof String && !(child instanceof Node.Mapping)) {
            throw new ConfigException(at, key + ": cannot set '" + next + "' inside " + Yaml.describe(child) + " (at " + child.loc() + ")");
        }
        if (next instanceof Integer i) {
            if (!(child instanceof Node.Seq s)) {
                throw new ConfigException(at, key + ": [" + i + "] applied to " + Yaml.describe(child) + " (at " + child.loc() + ")");
            }
            if (i > s.items().size()) {
                throw new ConfigException(at, key + ": index " + i + " is out of range (the list has " + s.items().size() + " items)");
            }
        }
        return child;
    }

    private static void replaceItems(Node.Seq seq, List<Node> items) {
        // Node.Seq is a record over a list; overrides write through a mutable copy held in the same list object.
        List<Node> target = seq.items();
        try {
            target.clear();
            target.addAll(items);
        } catch (UnsupportedOperationException e) {
            throw new IllegalStateException("config list is immutable: " + seq.loc(), e);
        }
    }

    static List<Object> parsePath(String key, String source) {
        List<Object> out = new ArrayList<>();
        for (String part : key.split("\\.", -1)) {
            Matcher m = SEGMENT.matcher(part);
            if (!m.matches()) {
                throw new ConfigException(new Loc(source, 1, 1),
                        "bad key '" + key + "' (expected a dotted path such as model.layers[1].units)");
            }
            out.add(m.group(1));
            Matcher im = INDEX.matcher(m.group(2));
            while (im.find()) out.add(Integer.parseInt(im.group(1)));
        }
        return out;
    }
}
