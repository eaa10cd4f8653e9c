package nn.core.train;

import java.util.Set;
import nn.core.config.Cfg;
import nn.core.config.ConfigException;
import nn.core.config.Node;
import nn.core.config.NodeParams;
import nn.core.config.Yaml;
import nn.core.spi.Activation;
import nn.core.spi.LayerProvider;
import nn.core.spi.LayerSpec;
import nn.core.spi.Param;
import nn.core.spi.Parameter;
import nn.core.spi.Params;
import nn.core.tensor.Rng;

/** Builds one layer from its entry under {@code model.layers}: the {@link LayerSpec} given to its provider. */
final class LayerBuilder implements LayerSpec {
    private final Plugins plugins;
    private final Cfg cfg;
    private final int nin;
    private final NodeParams params;
    private final Rng init;
    private final Rng train;

    private LayerBuilder(Plugins plugins, Cfg cfg, int nin, NodeParams params, Rng init, Rng train) {
        this.plugins = plugins;
        this.cfg = cfg;
        this.nin = nin;
        this.params = params;
        this.init = init;
        this.train = train;
    }

    /** The layer at {@code cfg} (its mapping, type defaulting to dense). */
    static nn.core.spi.Layer build(Plugins plugins, Cfg cfg, int nin, Rng init, Rng train) {
        String type = cfg.string("type", "dense");
        LayerProvider provider = plugins.layers.find(type);
        if (plugins.layers.ambiguity(type) != null) throw cfg.error("type", plugins.layers.ambiguity(type));
        if (provider == null) throw cfg.error("type", plugins.layers.unknown(type));
        NodeParams np = new NodeParams(cfg.path(), cfg.mapping(), cfg.loc(), provider.params(), Set.of("type"));
        for (Param p : provider.params()) cfg.known(p.name());
        cfg.finish();
        try {
            return provider.create(new LayerBuilder(plugins, cfg, nin, np, init, train));
        } catch (ConfigException e) {
            throw e; // located already, at the value
        } catch (nn.core.BadInputException e) { // e.g. a parameter too large: said at the layer, with its path
            throw new ConfigException(cfg.loc(), cfg.path() + ": " + e.getMessage());
        }
    }

    @Override
    public int nin() {
        return nin;
    }

    @Override
    public Params params() {
        return params;
    }

    @Override
    public Activation activation(String key, String dflt) {
        Node n = cfg.node(key);
        if (n == null) {
            cfg.string(key, dflt);
            n = cfg.node(key);
        }
        Plugins.Resolved<nn.core.spi.ActivationProvider> r = Plugins.resolve(plugins.activations, n, cfg.child(key), "type");
        return r.provider().create(r.params());
    }

    @Override
    public String activationName(String key) {
        Node n = cfg.node(key);
        if (n instanceof Node.Mapping m && m.get("type") instanceof Node.Scalar s) return s.text();
        return n instanceof Node.Scalar s ? s.text() : null;
    }

    @Override
    public boolean initialize(String key, Parameter p, int fanIn, int fanOut, String dflt) {
        Node n = cfg.node(key);
        String path = cfg.child(key);
        if (n == null) {
            cfg.string(key, dflt);
            n = cfg.node(key);
        }
        if (n instanceof Node.Scalar s) {
            if (s.kind() == Node.Scalar.Kind.BOOL && !(Boolean) s.plain()) return false;
            if (s.isNumber()) {
                java.util.Arrays.fill(p.data(), Cfg.real(n, path, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
                return true;
            }
        }
        if (n instanceof Node.Seq seq) {
            fillExplicit(seq, p, path);
            return true;
        }
        if (n instanceof Node.Scalar s && s.kind() != Node.Scalar.Kind.STR) {
            throw new ConfigException(n.loc(), path + ": expected a number, a " + shapeText(p) + ", an initializer name, or false; found " + Yaml.describe(n));
        }
        Plugins.Resolved<nn.core.spi.InitializerProvider> r = Plugins.resolve(plugins.initializers, n, path, "init");
        r.provider().create(r.params()).fill(p.data(), fanIn, fanOut, init);
        return true;
    }

    private static String shapeText(Parameter p) {
        return p.shape().length == 2 ? p.shape()[0] + "×" + p.shape()[1] + " matrix (units × inputs)" : "list of " + p.shape()[0] + " numbers";
    }

    private static void fillExplicit(Node.Seq seq, Parameter p, String path) {
        int[] shape = p.shape();
        if (shape.length == 1) {
            if (seq.items().size() != shape[0]) {
                throw new ConfigException(seq.loc(), path + ": expected a list of " + shape[0] + " numbers (one per unit), found " + seq.items().size());
            }
            for (int i = 0; i < shape[0]; i++) p.data()[i] = Cfg.real(seq.items().get(i), path + "[" + i + "]", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
            return;
        }
        int rows = shape[0], cols = shape[1];
        int found = uniformColumns(seq);
        if (found >= 0 && (seq.items().size() != rows || found != cols)) {
            boolean transposed = seq.items().size() == cols && found == rows;
            throw new ConfigException(seq.loc(), path + ": expected " + rows + " rows × " + cols + " columns (units × inputs), found "
                    + seq.items().size() + " rows × " + found + " columns" + (transposed ? " (transposed? rows are units, as PyTorch's Linear.weight)" : ""));
        }
        if (seq.items().size() != rows) {
            throw new ConfigException(seq.loc(), path + ": expected " + rows + " rows × " + cols + " columns (units × inputs), found "
                    + seq.items().size() + " rows");
        }
        for (int r = 0; r < rows; r++) {
            Node row = seq.items().get(r);
            if (!(row instanceof Node.Seq rs)) {
                throw new ConfigException(row.loc(), path + "[" + r + "]: expected a row of " + cols + " numbers, found " + Yaml.describe(row));
            }
            if (rs.items().size() != cols) {
                throw new ConfigException(row.loc(), path + "[" + r + "]: expected " + cols + " columns (one per input), found " + rs.items().size()
                        + " (the matrix is " + rows + " rows × " + cols + " columns, units × inputs)");
            }
            for (int c = 0; c < cols; c++) {
                p.data()[r * cols + c] = Cfg.real(rs.items().get(c), path + "[" + r + "][" + c + "]", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
            }
        }
    }

    /** The column count when every row is a list of the same length, else -1 (a ragged matrix, reported row by row). */
    private static int uniformColumns(Node.Seq seq) {
        int cols = -1;
        for (Node row : seq.items()) {
            if (!(row instanceof Node.Seq rs) || (cols >= 0 && rs.items().size() != cols)) return -1;
            cols = rs.items().size();
        }
        return cols;
    }

    @Override
    public Rng rng() {
        return train;
    }

    @Override
    public RuntimeException invalid(String key, String message) {
        return cfg.error(key, message);
    }
}
