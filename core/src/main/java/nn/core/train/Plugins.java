package nn.core.train;

import java.util.List;
import java.util.Set;
import nn.core.Names;
import nn.core.config.ConfigException;
import nn.core.config.Node;
import nn.core.config.NodeParams;
import nn.core.config.Yaml;
import nn.core.spi.ActivationProvider;
import nn.core.spi.InitializerProvider;
import nn.core.spi.LayerProvider;
import nn.core.spi.LossProvider;
import nn.core.spi.OptimizerProvider;
import nn.core.spi.Provider;

/** The registries of every provider kind, and the resolution of a config value that names a provider. */
public final class Plugins {
    public final Registry<LayerProvider> layers = new Registry<>("layer");
    public final Registry<ActivationProvider> activations = new Registry<>("activation");
    public final Registry<LossProvider> losses = new Registry<>("loss");
    public final Registry<OptimizerProvider> optimizers = new Registry<>("optimizer");
    public final Registry<InitializerProvider> initializers = new Registry<>("initializer");

    /** Empty registries, for tests that register providers by hand. */
    public static Plugins empty() {
        return new Plugins();
    }

    /** Every provider visible to the class loader through {@link java.util.ServiceLoader}. */
    public static Plugins load(ClassLoader loader) {
        Plugins p = new Plugins();
        Registry.load("layer", LayerProvider.class, loader).all().forEach(p.layers::register);
        Registry.load("activation", ActivationProvider.class, loader).all().forEach(p.activations::register);
        Registry.load("loss", LossProvider.class, loader).all().forEach(p.losses::register);
        Registry.load("optimizer", OptimizerProvider.class, loader).all().forEach(p.optimizers::register);
        Registry.load("initializer", InitializerProvider.class, loader).all().forEach(p.initializers::register);
        return p;
    }

    /** The registries in display order. */
    public List<Registry<? extends Provider>> all() {
        return List.of(layers, activations, losses, optimizers, initializers);
    }

    /** A provider with its checked parameters. */
    public record Resolved<P extends Provider>(P provider, NodeParams params) {}

    /**
     * Resolves {@code name} or {@code {typeKey: name, param: value, ...}}. Unknown names get the closest known name;
     * parameters are checked against the provider's declaration.
     */
    public static <P extends Provider> Resolved<P> resolve(Registry<P> registry, Node n, String path, String typeKey) {
        String name;
        Node nameNode;
        Node.Mapping map = null;
        if (n instanceof Node.Scalar s && s.kind() == Node.Scalar.Kind.STR) {
            name = s.text();
            nameNode = n;
        } else if (n instanceof Node.Mapping m) {
            map = m;
            nameNode = m.get(typeKey);
            if (nameNode == null) typo(m, path, typeKey);
            if (!(nameNode instanceof Node.Scalar s) || s.kind() != Node.Scalar.Kind.STR) {
                throw new ConfigException(nameNode == null ? m.loc() : nameNode.loc(),
                        path + "." + typeKey + ": " + (nameNode == null ? "missing" : "expected a name, found " + Yaml.describe(nameNode))
                                + " (known " + registry.kinds() + ": " + String.join(", ", registry.names().stream().sorted().toList()) + ")");
            }
            name = s.text();
        } else {
            throw new ConfigException(n.loc(), path + ": expected a " + registry.kind() + " name or {" + typeKey
                    + ": name, ...}, found " + Yaml.describe(n));
        }
        P p = registry.find(name);
        if (p == null) {
            String where = map == null ? path : path + "." + typeKey;
            throw new ConfigException(nameNode.loc(), where + ": " + registry.unknown(name));
        }
        return new Resolved<>(p, new NodeParams(path, map, n.loc(), p.params(), Set.of(typeKey)));
    }

    /**
     * With typeKey absent, a key that is a near miss of it ({@code typ:}) is the mistake, and is named rather than
     * the missing key (as {@link nn.core.config.Cfg#missing} does for the keys a config reader asks for).
     */
    private static void typo(Node.Mapping m, String path, String typeKey) {
        for (String k : m.entries().keySet()) {
            if (Names.closest(k, List.of(typeKey)) != null) {
                throw new ConfigException(m.keyLoc(k), path + "." + k + ": unknown key (did you mean " + typeKey + "? it is missing)");
            }
        }
    }
}
