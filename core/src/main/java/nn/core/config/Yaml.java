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
        try (java.io.InputStream in = Files.newInputStream(file)) {
            if (Files.isRegularFile(file)) ConfigText.checkSize(Files.size(file), file.toString());
            byte[] bytes = in.readNBytes(ConfigText.MAX_BYTES + 1);
            ConfigText.checkSize(bytes.length, file.toString());
            text = ConfigText.decode(bytes, file.toString());
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
        ConfigText.check(text, source, columnOffset);
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        // Aliases are bounded by what they expand to (MAX_NODES, in convert, with a location) rather than by their
        // number, which SnakeYAML refuses without one.
        options.setMaxAliasesForCollections(Integer.MAX_VALUE);
        org.yaml.snakeyaml.Yaml yaml = new org.yaml.snakeyaml.Yaml(new SafeConstructor(options));
        org.yaml.snakeyaml.nodes.Node root;
        try {
            root = yaml.compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new ConfigException(loc(source, m, columnOffset), "malformed YAML: " + oneLine(problem));
        } catch (YAMLException e) {
            if (String.valueOf(e.getMessage()).startsWith("Nesting Depth exceeded")) {
                throw new ConfigException(deeper(text, source, columnOffset, options.getNestingDepthLimit()), tooDeep(options.getNestingDepthLimit()));
            }
            throw new ConfigException(new Loc(source, 0, 0), "malformed YAML: " + oneLine(e.getMessage()));
        }
        return root == null ? null : new Converter(source, columnOffset).convert(root);
    }

    private static String tooDeep(int limit) {
        return "YAML nested more than " + limit + " levels deep (a config needs fewer than ten)";
    }

    /**
     * Where text first nests deeper than limit. SnakeYAML refuses such a document without saying where: its events,
     * read again without the limit (the parser is not recursive), say it.
     */
    private static Loc deeper(String text, String source, int off, int limit) {
        LoaderOptions o = new LoaderOptions();
        o.setNestingDepthLimit(Integer.MAX_VALUE);
        int depth = 0;
        try {
            for (org.yaml.snakeyaml.events.Event ev : new org.yaml.snakeyaml.Yaml(o).parse(new StringReader(text))) {
                if (ev instanceof org.yaml.snakeyaml.events.CollectionStartEvent && ++depth > limit) return loc(source, ev.getStartMark(), off);
                if (ev instanceof org.yaml.snakeyaml.events.CollectionEndEvent) depth--;
            }
        } catch (YAMLException e) {
            // malformed further on: the place is not known
        }
        return new Loc(source, 0, 0);
    }

    /**
     * The values a document may expand to through its aliases: an "alias bomb" (ten aliases of ten aliases of …)
     * expands exponentially, and is refused at the alias that crosses the bound. A config of {@link ConfigText#MAX_BYTES}
     * holds fewer values than this without aliases.
     */
    static final int MAX_NODES = 1_000_000;

    /** Aliases inside aliased values can nest deeper than the text does; bounded, rather than overflowing the stack. */
    static final int MAX_ALIAS_DEPTH = 500;

    /** SnakeYAML's node graph to a {@link Node} tree, with locations. */
    private static final class Converter {
        private final String source;
        private final int off;
        /** The collections being converted around the current node. */
        private final java.util.Set<org.yaml.snakeyaml.nodes.Node> path = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        private long nodes;

        Converter(String source, int off) {
            this.source = source;
            this.off = off;
        }

        /**
         * The tree of n. An alias to a collection on the path (an anchor used inside its own value,
         * {@code a: &r [1, *r]}) would make an endless tree, and is refused naming where.
         */
        Node convert(org.yaml.snakeyaml.nodes.Node n) {
            Loc loc = loc(source, n.getStartMark(), off);
            if (++nodes > MAX_NODES) {
                throw new ConfigException(loc, "the YAML expands to more than " + MAX_NODES + " values through its aliases (*name);"
                        + " write the values out, or put data in a file");
            }
            if (n instanceof ScalarNode s) return scalar(s, loc);
            if (!path.add(n)) throw new ConfigException(loc, "a YAML alias refers to the collection it is inside (an endless value; copy the values instead)");
            if (path.size() > MAX_ALIAS_DEPTH) throw new ConfigException(loc, "YAML aliases nest values more than " + MAX_ALIAS_DEPTH + " levels deep");
            try {
                return collection(n, loc);
            } finally {
                path.remove(n);
            }
        }

        private static Node scalar(ScalarNode s, Loc loc) {
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

        private Node collection(org.yaml.snakeyaml.nodes.Node n, Loc loc) {
            if (n instanceof SequenceNode s) {
                List<Node> items = new java.util.ArrayList<>();
                for (org.yaml.snakeyaml.nodes.Node c : s.getValue()) items.add(convert(c));
                return new Node.Seq(items, loc);
            }
            if (n instanceof MappingNode m) {
                Node.Mapping out = new Node.Mapping(loc);
                for (NodeTuple t : m.getValue()) {
                    Node key = convert(t.getKeyNode());
                    if (!(key instanceof Node.Scalar k) || k.kind() == Node.Scalar.Kind.NULL) {
                        throw new ConfigException(key.loc(), "a key must be a plain name, found " + describe(key));
                    }
                    if (out.get(k.text()) != null) {
                        throw new ConfigException(key.loc(), "duplicate key '" + k.text() + "' (first at " + out.keyLoc(k.text()) + ")");
                    }
                    out.put(k.text(), key.loc(), convert(t.getValueNode()));
                }
                return out;
            }
            throw new ConfigException(loc, "unsupported YAML node");
        }
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
