package nn.core.train;

import java.util.ArrayList;
import java.util.List;
import nn.core.config.ConfigException;
import nn.core.config.Node;
import nn.core.spi.Provider;

/**
 * Every provider a config names that is not loaded, said at once: a config written for a plugin jar, run without it,
 * names all it misses (optimizer 'lion', activation 'swish', layer 'residual_dense') rather than one per attempt. One
 * unknown name is left to the reader of its key, which suggests the closest known name.
 */
final class MissingProviders {
    private MissingProviders() {}

    private record Missing(Registry<?> registry, String name, Node at) {
        @Override
        public String toString() {
            return registry.kind() + " '" + name + "' (" + at.loc().line() + ":" + at.loc().column() + ")";
        }
    }

    /** Refuses tree when it names two or more providers plugins does not have. */
    static void check(Node.Mapping tree, Plugins plugins) {
        List<Missing> missing = new ArrayList<>();
        look(plugins.losses, tree.get("loss"), missing);
        look(plugins.optimizers, tree.get("optimizer"), missing);
        if (tree.get("model") instanceof Node.Mapping model && model.get("layers") instanceof Node.Seq layers) {
            for (Node l : layers.items()) {
                if (!(l instanceof Node.Mapping m)) continue;
                look(plugins.layers, m.get("type") == null ? null : m, missing);
                look(plugins.activations, m.get("activation"), missing);
                for (String key : List.of("weights", "bias")) {
                    if (m.get(key) instanceof Node.Mapping w && w.get("init") != null) look(plugins.initializers, w.get("init"), missing);
                }
            }
        }
        if (missing.size() < 2) return;
        Missing first = missing.get(0);
        throw new ConfigException(first.at().loc(), "unknown providers: " + String.join(", ", missing.stream().map(Missing::toString).toList())
                + first.registry().hint(first.name()));
    }

    /** n names a provider (a name, or a mapping with type:); adds it to missing when registry has none of that name. */
    private static <P extends Provider> void look(Registry<P> registry, Node n, List<Missing> missing) {
        Node at = n instanceof Node.Mapping m ? m.get("type") : n;
        if (!(at instanceof Node.Scalar s) || s.kind() != Node.Scalar.Kind.STR) return;
        if (registry.find(s.text()) != null || registry.ambiguity(s.text()) != null) return;
        if (missing.stream().noneMatch(m -> m.registry() == registry && m.name().equals(s.text()))) missing.add(new Missing(registry, s.text(), at));
    }
}
