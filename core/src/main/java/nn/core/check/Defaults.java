package nn.core.check;

import java.util.ArrayList;
import java.util.List;
import nn.core.config.Node;
import nn.core.config.NodeParams;
import nn.core.config.Yaml;
import nn.core.spi.Param;
import nn.core.spi.Provider;
import nn.core.train.Plugins;
import nn.core.train.Registry;

/**
 * A provider's parameters as a config naming it with nothing else would give them: its declared defaults. A required
 * parameter (no default) gets a small value a check can run with: 3 for an integer (a layer's units), 0.5 for a real,
 * false for a boolean; a required string cannot be guessed, and the provider is then not checkable.
 */
final class Defaults {
    private Defaults() {}

    /** The config entries for the required parameters, {@code units: 3}, joined by ", "; "" when there are none. */
    static String entries(Provider p) {
        List<String> out = new ArrayList<>();
        for (Param q : p.params()) {
            if (q.value() != null) continue;
            String v = switch (q.type()) {
                case INT -> "3";
                case REAL -> "0.5";
                case BOOL -> "false";
                case STRING, SPEC -> throw new IllegalArgumentException("its required " + q.type().name().toLowerCase() + " parameter '"
                        + q.name() + "' has no default, and no value can be guessed for it");
            };
            out.add(q.name() + ": " + v);
        }
        return String.join(", ", out);
    }

    /** {@code {type: ref, entries}}: the provider named by ref (its name, or its class when the name is shared). */
    static String mapping(String ref, Provider p) {
        String e = entries(p);
        return "{type: " + ref + (e.isEmpty() ? "" : ", " + e) + "}";
    }

    /** The provider's parameters at their defaults, checked against its declaration as a config's are. */
    static <P extends Provider> NodeParams params(String kind, P p) {
        Node node = Yaml.parse(mapping(p.name(), p), "plugins --check", 0);
        Registry<P> only = new Registry<P>(kind).register(p);
        return Plugins.resolve(only, node, p.name(), "type").params();
    }
}
