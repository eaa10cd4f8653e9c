package nn.plugins.init;

import nn.core.spi.Initializer;
import nn.core.spi.InitializerProvider;
import nn.core.spi.Params;

/** w = 0 (torch.nn.init.zeros_) */
public final class ZerosProvider implements InitializerProvider {
    @Override
    public String name() {
        return "zeros";
    }

    @Override
    public String doc() {
        return "w = 0 (torch.nn.init.zeros_)";
    }

    @Override
    public Initializer create(Params p) {
        return (w, fanIn, fanOut, rng) -> java.util.Arrays.fill(w, 0.0);
    }
}
