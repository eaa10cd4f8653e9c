package nn.core.spi;

import java.util.List;

/**
 * A named, documented factory found through {@link java.util.ServiceLoader}.
 *
 * <p>Contract: {@link #name()} is a stable snake_case identifier, unique among the providers of one kind
 * (the {@link nn.core.train.Registry} rejects duplicates, naming both classes); {@link #params()} lists every
 * parameter the provider accepts in a config, with its default, so that configs are validated against it and
 * {@code nn plugins} can document it; {@link #doc()} is one line, the formula where there is one.
 */
public interface Provider {
    /** The name used in configs, e.g. {@code sigmoid}. */
    String name();

    /** One line of documentation: what it computes, as a formula where there is one. */
    String doc();

    /** The parameters accepted in a config, in display order. Empty by default. */
    default List<Param> params() {
        return List.of();
    }
}
