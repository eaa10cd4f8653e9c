package nn.core.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/** Reads YAML (safe loading only: no tags that build objects) into {@link Node} trees with locations, and writes trees back. */
public final class Yaml {
    private Yaml() {}

    private static final byte[] MAGIC = nn.core.checkpoint.CheckpointFile.MAGIC;

    /** Reads a config file. A missing or unreadable file, or malformed YAML, is a {@link ConfigException}. */
    public static Node.Mapping readFile(Path file) {
        String text;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            if (Files.isRegularFile(file)) ConfigText.checkSize(Files.size(file), file.toString());
            byte[] bytes = in.readNBytes(ConfigText.MAX_BYTES + 1);
            ConfigText.checkSize(bytes.length, file.toString());
            if (java.util.Arrays.equals(bytes, 0, Math.min(bytes.length, MAGIC.length), MAGIC, 0, MAGIC.length)) {
                throw new ConfigException(new Loc(file.toString(), 0, 0), "a checkpoint, not a config (give the YAML config here;"
                        + " nn inspect " + file + " shows what the checkpoint holds)");
            }
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
        Composer composer = new Composer(text, options);
        org.yaml.snakeyaml.nodes.Node root;
        try {
            root = composer.getSingleNode();
        } catch (MarkedYAMLException e) {
            throw malformed(e, text, source, columnOffset);
        } catch (YAMLException e) {
            if (String.valueOf(e.getMessage()).startsWith("Nesting Depth exceeded")) {
                throw new ConfigException(deeper(text, source, columnOffset, options.getNestingDepthLimit()), tooDeep(options.getNestingDepthLimit()));
            }
            throw new ConfigException(new Loc(source, 0, 0), "malformed YAML: " + oneLine(e.getMessage()));
        }
        return root == null ? null : new Converter(source, columnOffset, composer.aliasKeys).convert(root);
    }

    /**
     * SnakeYAML's complaint, located at its problem. What runs to the end of the file without being closed (a quote,
     * a flow list [ or mapping {) is located where it opens, which is where the mistake is, rather than at the end.
     */
    private static ConfigException malformed(MarkedYAMLException e, String text, String source, int off) {
        String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
        Mark opened = e.getContextMark();
        String p = String.valueOf(problem);
        if (opened != null && (p.startsWith("found unexpected end of stream") || p.endsWith("but got <stream end>"))) {
            int c = codePointAt(text, opened.getIndex());
            String what = c == '"' ? "the double-quoted text" : c == '\'' ? "the single-quoted text" : c == '[' ? "the list [" : c == '{' ? "the mapping {" : null;
            if (what != null) {
                char close = c == '[' ? ']' : c == '{' ? '}' : (char) c;
                return new ConfigException(loc(source, opened, off), "malformed YAML: " + what + " opened here is never closed (the file ends"
                        + " first; add the closing " + close + ")");
            }
        }
        Mark m = e.getProblemMark() != null ? e.getProblemMark() : opened;
        return new ConfigException(loc(source, m, off), "malformed YAML: " + oneLine(problem));
    }

    /** The character at code point index i of text (a mark's index), or -1. */
    private static int codePointAt(String text, int i) {
        try {
            return text.codePointAt(text.offsetByCodePoints(0, i));
        } catch (IndexOutOfBoundsException e) {
            return -1;
        }
    }

    /**
     * SnakeYAML's composer, noting where each alias used as a mapping key stands. The node an alias gives is the
     * anchored node itself, which carries the anchor's place: a duplicate key written as an alias ({@code *k : u})
     * would be reported where the anchor is.
     */
    private static final class Composer extends org.yaml.snakeyaml.composer.Composer {
        /** For each mapping with an alias key: the mark of each such key, by the key's position in the mapping. */
        final Map<MappingNode, Map<Integer, Mark>> aliasKeys = new IdentityHashMap<>();

        Composer(String text, LoaderOptions options) {
            super(new ParserImpl(new StreamReader(new StringReader(text)), options), new Resolver(), options);
        }

        @Override
        protected void composeMappingChildren(List<NodeTuple> children, MappingNode node) {
            if (parser.checkEvent(Event.ID.Alias)) aliasKeys.computeIfAbsent(node, k -> new HashMap<>()).put(children.size(), parser.peekEvent().getStartMark());
            super.composeMappingChildren(children, node);
        }
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
        private final Map<MappingNode, Map<Integer, Mark>> aliasKeys;
        private long nodes;

        Converter(String source, int off, Map<MappingNode, Map<Integer, Mark>> aliasKeys) {
            this.source = source;
            this.off = off;
            this.aliasKeys = aliasKeys;
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

        /**
         * A scalar with its kind. Numbers are decimal: what YAML 1.1 alone reads as a number in another base (0x1F,
         * 0b101, 017 as 15, 1:30 as 90) is text, which a number key refuses saying what it is ({@link #yaml11Number});
         * a timestamp (2024-01-01) is text too, as YAML 1.2 reads it, so that a name or a column may be one.
         */
        private static Node scalar(ScalarNode s, Loc loc) {
            Tag t = s.getTag();
            String v = s.getValue();
            Node.Scalar.Kind kind;
            if (t.equals(Tag.NULL)) kind = Node.Scalar.Kind.NULL;
            else if (t.equals(Tag.BOOL)) kind = Node.Scalar.Kind.BOOL;
            else if (t.equals(Tag.INT)) kind = decimalInteger(v) ? Node.Scalar.Kind.INT : Node.Scalar.Kind.STR;
            else if (t.equals(Tag.FLOAT)) kind = decimalReal(v) ? Node.Scalar.Kind.FLOAT : Node.Scalar.Kind.STR;
            else if (t.equals(Tag.STR) || t.equals(Tag.TIMESTAMP)) kind = Node.Scalar.Kind.STR;
            else throw new ConfigException(loc, "unsupported YAML tag " + t + " (use plain values)");
            return new Node.Scalar(v, kind, loc);
        }

        private Node collection(org.yaml.snakeyaml.nodes.Node n, Loc loc) {
            if (n instanceof SequenceNode s) {
                List<Node> items = new java.util.ArrayList<>();
                for (org.yaml.snakeyaml.nodes.Node c : s.getValue()) items.add(convert(c));
                return new Node.Seq(items, loc);
            }
            if (n instanceof MappingNode m) {
                Node.Mapping out = new Node.Mapping(loc);
                Map<Integer, Mark> aliases = aliasKeys.getOrDefault(m, Map.of());
                List<NodeTuple> tuples = m.getValue();
                for (int i = 0; i < tuples.size(); i++) {
                    NodeTuple t = tuples.get(i);
                    Node key = convert(t.getKeyNode());
                    Loc at = aliases.containsKey(i) ? loc(source, aliases.get(i), off) : key.loc();
                    if (!(key instanceof Node.Scalar k) || k.kind() == Node.Scalar.Kind.NULL) {
                        throw new ConfigException(at, "a key must be a plain name, found " + describe(key));
                    }
                    if (out.get(k.text()) != null) {
                        throw new ConfigException(at, "duplicate key '" + k.text() + "' (first at " + out.keyLoc(k.text()) + ")");
                    }
                    out.put(k.text(), at, convert(t.getValueNode()));
                }
                return out;
            }
            throw new ConfigException(loc, "unsupported YAML node");
        }
    }

    private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile("[-+]?[0-9]+");
    private static final Resolver RESOLVER = new Resolver();

    /** Whether an int YAML 1.1 resolves is a decimal one (a leading 0 allowed where octal means the same: 0, 07). */
    private static boolean decimalInteger(String text) {
        return DECIMAL.matcher(text.replace("_", "")).matches() && yaml11Number(text) == null;
    }

    /** Whether a float YAML 1.1 resolves is one {@link Node.Scalar#real(String)} reads (not base 60, as 1:30.5). */
    private static boolean decimalReal(String text) {
        if (text.indexOf(':') >= 0) return false;
        try {
            Node.Scalar.real(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * What YAML 1.1 reads text as when it is a number there but not a decimal one, and what to write instead:
     * hexadecimal (0x1F), binary (0b101), octal (017, where that differs from decimal 17) or base 60 (1:30, 1:30.5);
     * null for any other text. nn reads numbers in decimal only, as YAML 1.2 does (which reads 1:30 as text): such a
     * value is text to nn, and a key that expects a number says this.
     */
    static String yaml11Number(String text) {
        Tag tag = RESOLVER.resolve(NodeId.scalar, text, true);
        if (!tag.equals(Tag.INT) && !tag.equals(Tag.FLOAT)) return null;
        String t = text.replace("_", "");
        String sign = t.startsWith("-") ? "-" : "";
        String u = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
        try {
            String base, value;
            if (u.startsWith("0x")) {
                base = "hexadecimal";
                value = sign + new BigInteger(u.substring(2), 16);
            } else if (u.startsWith("0b")) {
                base = "binary";
                value = sign + new BigInteger(u.substring(2), 2);
            } else if (u.indexOf(':') > 0) {
                base = "base-60";
                BigDecimal v = BigDecimal.ZERO, sixty = BigDecimal.valueOf(60);
                for (String part : u.split(":")) v = v.multiply(sixty).add(new BigDecimal(part));
                value = sign + v.stripTrailingZeros().toPlainString();
            } else if (u.length() > 1 && u.startsWith("0") && u.chars().allMatch(c -> c >= '0' && c <= '7')) {
                BigInteger octal = new BigInteger(u, 8), decimal = new BigInteger(u);
                if (octal.equals(decimal)) return null;
                return "YAML 1.1 reads " + text + " as the octal number " + sign + octal + ", YAML 1.2 as " + sign + decimal
                        + ": write the one you mean without the leading 0";
            } else {
                return null;
            }
            return "YAML 1.1 reads " + text + " as the " + base + " number " + value + "; nn reads numbers in decimal only: write " + value;
        } catch (NumberFormatException e) {
            return null;
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
