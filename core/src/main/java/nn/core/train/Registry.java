package nn.core.train;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import nn.core.Names;
import nn.core.spi.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers of one kind, by name, each with where it came from ({@link PluginJars#origin}: built-in or a jar).
 * Loaded from {@link ServiceLoader} or registered by hand (tests). Registered by hand, two providers with one name
 * are rejected; loaded, both are kept and the name is ambiguous ({@link #ambiguity}) until the config names one by
 * its class. A provider that cannot be loaded (a class for a newer Java, a constructor that throws, bad parameters)
 * is kept as a {@link Broken} line, so that commands that do not need it still work and those that do can say why.
 */
public final class Registry<P extends Provider> {
    private static final Logger log = LoggerFactory.getLogger(Registry.class);
    private final String kind;
    private final Map<String, P> byName = new LinkedHashMap<>();
    private final Map<P, String> origins = new java.util.IdentityHashMap<>();
    private final Map<String, List<P>> clashes = new LinkedHashMap<>();
    private final List<Broken> broken = new java.util.ArrayList<>();
    /** For {@link #unknown}: the service type, the loader of nn's own providers, the jars loaded, and where to look for others. */
    private Class<P> type;
    private ClassLoader builtIn;
    private List<java.nio.file.Path> loaded = List.of();
    private java.nio.file.Path searchDir;

    /** A provider that could not be loaded: its class, its jar and why. */
    public record Broken(String className, String origin, String reason) {
        @Override
        public String toString() {
            return origin + ": " + className + ": " + reason;
        }
    }

    public Registry(String kind) {
        this.kind = kind;
    }

    /** Every provider of {@code type} visible to loader; builtIn is the class loader of nn's own providers. */
    public static <P extends Provider> Registry<P> load(String kind, Class<P> type, ClassLoader loader, ClassLoader builtIn) {
        Registry<P> r = new Registry<>(kind);
        r.type = type;
        r.builtIn = builtIn;
        each(type, loader, p -> {
            String origin = PluginJars.origin(p.getClass(), builtIn);
            String bad = ProviderCheck.problem(p);
            if (bad != null) r.broken.add(new Broken(p.getClass().getName(), origin, bad));
            else r.add(p, origin);
        }, e -> r.broken.add(ProviderCheck.broken(e, type, loader)));
        log.debug("{} providers: {}", kind, r.byName.keySet());
        return r;
    }

    /**
     * Every provider of type that loader can load, to loaded; each one that cannot (a class for a newer Java, a
     * throwing constructor), or that loaded throws on, to failed. ServiceLoader's iterator goes on past such an error; a bound stops a loader
     * that keeps failing.
     */
    static <P> void each(Class<P> type, ClassLoader loader, java.util.function.Consumer<P> loaded, java.util.function.Consumer<Throwable> failed) {
        java.util.Iterator<P> it = ServiceLoader.load(type, loader).iterator();
        for (int errors = 0; errors < 1000; ) {
            try {
                if (!it.hasNext()) break;
                loaded.accept(it.next());
            } catch (java.util.ServiceConfigurationError | LinkageError | RuntimeException e) {
                errors++;
                failed.accept(e);
            }
        }
    }

    public Registry<P> register(P p) {
        P old = byName.putIfAbsent(p.name(), p);
        if (old != null) {
            throw new IllegalStateException("two " + kind + " providers are named '" + p.name() + "': "
                    + old.getClass().getName() + " and " + p.getClass().getName());
        }
        origins.put(p, PluginJars.BUILT_IN);
        return this;
    }

    /** A loaded provider; a second of one name makes the name ambiguous rather than failing every command. */
    private void add(P p, String origin) {
        origins.put(p, origin);
        P old = byName.putIfAbsent(p.name(), p);
        if (old != null) clashes.computeIfAbsent(p.name(), k -> new java.util.ArrayList<>(List.of(old))).add(p);
    }

    public String kind() {
        return kind;
    }

    /** The kind in the plural, for headings: layers, losses. */
    public String kinds() {
        return kind.endsWith("s") ? kind + "es" : kind + "s";
    }

    /**
     * The provider named so, or null: by its name, or by its class's full name (the way to choose between two
     * providers of one name). An ambiguous name gives null; {@link #ambiguity} says why.
     */
    public P find(String name) {
        if (clashes.containsKey(name)) return null;
        P p = byName.get(name);
        if (p != null || !name.contains(".")) return p;
        for (P q : every()) if (q.getClass().getName().equals(name)) return q;
        return null;
    }

    /** When two providers have this name: a message naming both, and how to choose; null otherwise. */
    public String ambiguity(String name) {
        List<P> c = clashes.get(name);
        if (c == null) return null;
        List<String> each = c.stream().map(p -> p.getClass().getName() + " (" + origin(p) + ")").toList();
        return "two " + kinds() + " are named '" + name + "': " + String.join(" and ", each) + "; name one by its class, e.g. "
                + c.get(c.size() - 1).getClass().getName() + ", or load only one of the jars";
    }

    /** Where p came from: built-in or its jar. */
    public String origin(P p) {
        return origins.getOrDefault(p, PluginJars.BUILT_IN);
    }

    /** The providers by name, first of each name. */
    public Collection<P> all() {
        return List.copyOf(byName.values());
    }

    /** Every provider, those sharing a name included. */
    public List<P> every() {
        List<P> out = new java.util.ArrayList<>(byName.values());
        clashes.values().forEach(c -> c.stream().filter(p -> !out.contains(p)).forEach(out::add));
        return out;
    }

    /** The providers that could not be loaded. */
    public List<Broken> broken() {
        return List.copyOf(broken);
    }

    public Collection<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** Where {@link #unknown} looks for a jar that provides a name not loaded (the config's folder), and the jars loaded. */
    void search(java.nio.file.Path dir, List<java.nio.file.Path> jars) {
        this.searchDir = dir;
        this.loaded = jars;
    }

    /**
     * "unknown 'x' (did you mean y? known: ...)"; then a jar near the config that provides x but is not loaded, as the
     * --plugins to add, or what could not be loaded, which may have been it.
     */
    public String unknown(String name) {
        return "unknown " + kind + " '" + name + "' " + Names.suggest(name, byName.keySet()) + hint(name);
    }

    /** For a name not loaded: "; JAR provides it: …" when a jar near the config does, else what failed to load, else "". */
    String hint(String name) {
        java.nio.file.Path jar = searchDir == null || type == null ? null : PluginJars.providing(type, name, searchDir, loaded, builtIn);
        if (jar != null) return "; " + jar + " provides '" + name + "': load it with --plugins " + jar + " (or plugins: in the config)";
        if (!broken.isEmpty()) return "; not loaded: " + broken.get(0) + (broken.size() > 1 ? " (and " + (broken.size() - 1) + " more)" : "");
        return "";
    }
}
