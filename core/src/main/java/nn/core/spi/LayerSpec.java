package nn.core.spi;

import nn.core.tensor.Rng;

/** What a {@link LayerProvider} is given to build one layer from its config entry. */
public interface LayerSpec {
    /** The width of this layer's input (the previous layer's output, or the model's inputs). */
    int nin();

    /** The layer's own declared parameters (those of {@link LayerProvider#params()} with simple types). */
    Params params();

    /** The activation named at {@code key} (a name or {@code {type: name, ...}}); dflt when absent. */
    Activation activation(String key, String dflt);

    /** The provider name of the activation at key, as {@link #activation} resolved it (for reports and diagrams). */
    String activationName(String key);

    /**
     * Fills a parameter from the config value at {@code key}: a constant, an explicit matrix or list of the
     * parameter's shape, or an initializer {@code {init: name, ...}}; {@code dflt} (an initializer name) when
     * absent. Returns false when the value is {@code false} (no such parameter).
     */
    boolean initialize(String key, Parameter p, int fanIn, int fanOut, String dflt);

    /** The network's generator for randomness while training (dropout masks); its state is checkpointed. */
    Rng rng();

    /** A config error about this layer's key. */
    RuntimeException invalid(String key, String message);
}
