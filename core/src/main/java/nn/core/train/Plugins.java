package nn.core.train;

import java.util.List;
import java.util.Set;
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

    /** Empty registries, for tests that register providers by hand. */
    public static Plugins empty() {
        return new Plugins();
    }

    public final Registry<LayerProvider> layers;
    public final Registry<ActivationProvider> activations;
    public final Registry<LossProvider> losses;
    public final Registry<OptimizerProvider> optimizers;
    public final Registry<InitializerProvider> initializers;
    private final ClassLoader builtIn;
    private final List<java.nio.file.Path> jars;

    private Plugins() {
        this(new Registry<>("layer"), new Registry<>("activation"), new Registry<>("loss"), new Registry<>("optimizer"),
                new Registry<>("initializer"), Plugins.class.getClassLoader(), List.of());
    }

    private Plugins(Registry<LayerProvider> layers, Registry<ActivationProvider> activations, Registry<LossProvider> losses,
                    Registry<OptimizerProvider> optimizers, Registry<InitializerProvider> initializers, ClassLoader builtIn,
                    List<java.nio.file.Path> jars) {
        this.layers = layers;
        this.activations = activations;
        this.losses = losses;
        this.optimizers = optimizers;
        this.initializers = initializers;
        this.builtIn = builtIn;
        this.jars = List.copyOf(jars);
    }

    /** Every provider visible to the class loader through {@link java.util.ServiceLoader}. */
    public static Plugins load(ClassLoader loader) {
        return load(loader, List.of());
    }

    /**
     * The providers of builtIn (nn's own class loader) and of the jars ({@link PluginJars#expand}, checked), found
     * through {@link java.util.ServiceLoader} on one class loader over both.
     */
    public static Plugins load(ClassLoader builtIn, List<java.nio.file.Path> jars) {
        ClassLoader l = PluginJars.loader(jars, builtIn);
        return new Plugins(Registry.load("layer", LayerProvider.class, l, builtIn), Registry.load("activation", ActivationProvider.class, l, builtIn),
                Registry.load("loss", LossProvider.class, l, builtIn), Registry.load("optimizer", OptimizerProvider.class, l, builtIn),
                Registry.load("initializer", InitializerProvider.class, l, builtIn), builtIn, jars);
    }

    /** These providers and those of more jars (a config's plugins:); this when there are none new. */
    public Plugins with(List<java.nio.file.Path> more) {
        List<java.nio.file.Path> all = new java.util.ArrayList<>(jars);
        for (java.nio.file.Path j : more) if (!all.contains(j)) all.add(j);
        return all.size() == jars.size() ? this : load(builtIn, all);
    }

    /** Has each registry look under dir for a jar that provides a name asked for but not loaded. */
    public Plugins searching(java.nio.file.Path dir) {
        for (Registry<? extends Provider> r : all()) r.search(dir, jars);
        return this;
    }

    /** The external jars loaded. */
    public List<java.nio.file.Path> jars() {
        return jars;
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
            // with typeKey absent, a near miss of it (typ:) is the mistake, named rather than the missing key
            ConfigException typo = nameNode == null ? new nn.core.config.Cfg(m, path).typo(List.of(typeKey)) : null;
            if (typo != null) throw typo;
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
        String ambiguity = registry.ambiguity(name);
        if (ambiguity != null) throw new ConfigException(nameNode.loc(), (map == null ? path : path + "." + typeKey) + ": " + ambiguity);
        if (p == null) {
            String where = map == null ? path : path + "." + typeKey;
            throw new ConfigException(nameNode.loc(), where + ": " + registry.unknown(name));
        }
        return new Resolved<>(p, new NodeParams(path, map, n.loc(), p.params(), Set.of(typeKey)));
    }
}
