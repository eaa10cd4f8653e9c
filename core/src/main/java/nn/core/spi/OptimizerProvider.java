package nn.core.spi;

import java.util.List;

/** Makes an {@link Optimizer} for a list of parameters. Every optimizer declares {@code learning_rate}. */
public interface OptimizerProvider extends Provider {
    Optimizer create(Params p, List<Parameter> params);
}
