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
 * The providers of one kind, by name. Loaded from {@link ServiceLoader} or registered by hand (tests).
 * Two providers with one name are rejected, naming both classes.
 */
public final class Registry<P extends Provider> {
    private static final Logger log = LoggerFactory.getLogger(Registry.class);
    private final String kind;
    private final Map<String, P> byName = new LinkedHashMap<>();

    public Registry(String kind) {
        this.kind = kind;
    }

    /** Every provider of {@code type} visible to the class loader. */
    public static <P extends Provider> Registry<P> load(String kind, Class<P> type, ClassLoader loader) {
        Registry<P> r = new Registry<>(kind);
        for (P p : ServiceLoader.load(type, loader)) r.register(p);
        log.debug("{} providers: {}", kind, r.byName.keySet());
        return r;
    }

    public Registry<P> register(P p) {
        P old = byName.putIfAbsent(p.name(), p);
        if (old != null) {
            throw new IllegalStateException("two " + kind + " providers are named '" + p.name() + "': "
                    + old.getClass().getName() + " and " + p.getClass().getName());
        }
        return this;
    }

    public String kind() {
        return kind;
    }

    /** The kind in the plural, for headings: layers, losses. */
    public String kinds() {
        return kind.endsWith("s") ? kind + "es" : kind + "s";
    }

    /** The provider named so, or null. */
    public P find(String name) {
        return byName.get(name);
    }

    public Collection<P> all() {
        return List.copyOf(byName.values());
    }

    public Collection<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** "unknown 'x' (did you mean y? known: ...)". */
    public String unknown(String name) {
        return "unknown " + kind + " '" + name + "' " + Names.suggest(name, byName.keySet());
    }
}
