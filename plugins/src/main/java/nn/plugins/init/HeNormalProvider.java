package nn.plugins.init;

import nn.core.spi.Initializer;
import nn.core.spi.InitializerProvider;
import nn.core.spi.Params;

/** w ~ N(0, std²), std = √2/√fan_in (torch.nn.init.kaiming_normal_, a = 0, fan_in mode, relu gain) */
public final class HeNormalProvider implements InitializerProvider {
    @Override
    public String name() {
        return "he_normal";
    }

    @Override
    public String doc() {
        return "w ~ N(0, std²), std = √2/√fan_in (torch.nn.init.kaiming_normal_, a = 0, fan_in mode, relu gain)";
    }

    @Override
    public Initializer create(Params p) {
        return (w, fanIn, fanOut, rng) -> {
            double std = Math.sqrt(2.0) / Math.sqrt(fanIn);
            for (int i = 0; i < w.length; i++) w[i] = std * rng.nextGaussian();
        };
    }
}
