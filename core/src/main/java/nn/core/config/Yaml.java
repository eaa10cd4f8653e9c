package nn.core.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/** Reads YAML (safe loading only: no tags that build objects) into {@link Node} trees with locations, and writes trees back. */
public final class Yaml {
    private Yaml() {}

    /** Reads a config file. A missing or unreadable file, or malformed YAML, is a {@link ConfigException}. */
    public static Node.Mapping readFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(new Loc(file.toString(), 0, 0), "no such file");
        } catch (IOException e) {
            throw new ConfigException(new Loc(file.toString(), 0, 0), "cannot read: " + nn.core.BadInputException.reason(e));
        }
        Node root = parse(text, file.toString(), 0);
        if (root == null) return new Node.Mapping(new Loc(file.toString(), 1, 1));
        if (!(root instanceof Node.Mapping m)) {
            throw new ConfigException(root.loc(), "the config must be a mapping of keys (name:, model:, ...), found " + describe(root));
        }
        return m;
    }

    /**
     * Parses one YAML document. Columns are shifted by {@code columnOffset} (for values inside an argument).
     * Returns null for an empty document.
     */
    public static Node parse(String text, String source, int columnOffset) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(50);
        org.yaml.snakeyaml.Yaml yaml = new org.yaml.snakeyaml.Yaml(new SafeConstructor(options));
        org.yaml.snakeyaml.nodes.Node root;
        try {
            root = yaml.compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new ConfigException(loc(source, m, columnOffset), "malformed YAML: " + oneLine(problem));
        } catch (YAMLException e) {
            throw new ConfigException(new Loc(source, 0, 0), "malformed YAML: " + oneLine(e.getMessage()));
        }
        return root == null ? null : convert(root, source, columnOffset, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
    }

    /** Nesting deeper than this is refused rather than overflowing the stack; no config comes near it. */
    static final int MAX_DEPTH = 200;

    /**
     * The tree of n. path holds the collections being converted around n: an alias to one of them (an anchor used
     * inside its own value, {@code a: &r [1, *r]}) would make an infinite tree, and is refused naming where.
     */
    private static Node convert(org.yaml.snakeyaml.nodes.Node n, String source, int off, java.util.Set<org.yaml.snakeyaml.nodes.Node> path) {
        Loc loc = loc(source, n.getStartMark(), off);
        if (!(n instanceof ScalarNode)) {
            if (!path.add(n)) throw new ConfigException(loc, "a YAML alias refers to the collection it is inside (an endless value; copy the values instead)");
            if (path.size() > MAX_DEPTH) throw new ConfigException(loc, "YAML nested more than " + MAX_DEPTH + " levels deep");
            try {
                return convertCollection(n, source, off, path, loc);
            } finally {
                path.remove(n);
            }
        }
        if (n instanceof ScalarNode s) {
            Tag t = s.getTag();
            Node.Scalar.Kind kind;
            if (t.equals(Tag.NULL)) kind = Node.Scalar.Kind.NULL;
            else if (t.equals(Tag.BOOL)) kind = Node.Scalar.Kind.BOOL;
            else if (t.equals(Tag.INT)) kind = Node.Scalar.Kind.INT;
            else if (t.equals(Tag.FLOAT)) kind = Node.Scalar.Kind.FLOAT;
            else if (t.equals(Tag.STR)) kind = Node.Scalar.Kind.STR;
            else throw new ConfigException(loc, "unsupported YAML tag " + t + " (use plain values)");
            return new Node.Scalar(s.getValue(), kind, loc);
        }
        throw new ConfigException(loc, "unsupported YAML node");
    }

    private static Node convertCollection(org.yaml.snakeyaml.nodes.Node n, String source, int off,
                                          java.util.Set<org.yaml.snakeyaml.nodes.Node> path, Loc loc) {
        if (n instanceof SequenceNode s) {
            List<Node> items = new java.util.ArrayList<>();
            for (org.yaml.snakeyaml.nodes.Node c : s.getValue()) items.add(convert(c, source, off, path));
            return new Node.Seq(items, loc);
        }
        if (n instanceof MappingNode m) {
            Node.Mapping out = new Node.Mapping(loc);
            for (NodeTuple t : m.getValue()) {
                Node key = convert(t.getKeyNode(), source, off, path);
                if (!(key instanceof Node.Scalar k) || k.kind() == Node.Scalar.Kind.NULL) {
                    throw new ConfigException(key.loc(), "a key must be a plain name, found " + describe(key));
                }
                if (out.get(k.text()) != null) {
                    throw new ConfigException(key.loc(), "duplicate key '" + k.text() + "' (first at " + out.keyLoc(k.text()) + ")");
                }
                out.put(k.text(), key.loc(), convert(t.getValueNode(), source, off, path));
            }
            return out;
        }
        throw new ConfigException(loc, "unsupported YAML node");
    }

    private static Loc loc(String source, Mark m, int off) {
        if (m == null) return new Loc(source, 0, 0);
        return new Loc(source, m.getLine() + 1, m.getColumn() + 1 + off);
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\n\\s*", " ").trim();
    }

    /** A short description of a node for messages: {@code 'abc'}, {@code a list}, {@code a mapping}. */
    public static String describe(Node n) {
        if (n == null) return "nothing";
        if (n instanceof Node.Scalar s) return s.kind() == Node.Scalar.Kind.NULL ? "null" : "'" + s.text() + "'";
        if (n instanceof Node.Seq) return "a list";
        return "a mapping";
    }

    /** Block-style YAML for a tree; lists of scalars in flow style ([1, 2]). */
    public static String dump(Node root) {
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.AUTO);
        o.setIndent(2);
        o.setWidth(120);
        o.setSplitLines(false);
        return new org.yaml.snakeyaml.Yaml(new Representer(o), o).dump(root.plain());
    }

    /** Dumps a list of plain values as one flow-style line. */
    public static String flow(List<?> values) {
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.FLOW);
        o.setWidth(Integer.MAX_VALUE);
        return new org.yaml.snakeyaml.Yaml(new Representer(o), o).dump(values).trim();
    }
}
