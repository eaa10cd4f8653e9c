package nn.plugins.init;

import nn.core.spi.Initializer;
import nn.core.spi.InitializerProvider;
import nn.core.spi.Params;

/** w ~ U(-b, b), b = √2·√(3/fan_in) (torch.nn.init.kaiming_uniform_, a = 0, fan_in mode, relu gain) */
public final class HeUniformProvider implements InitializerProvider {
    @Override
    public String name() {
        return "he_uniform";
    }

    @Override
    public String doc() {
        return "w ~ U(-b, b), b = √2·√(3/fan_in) (torch.nn.init.kaiming_uniform_, a = 0, fan_in mode, relu gain)";
    }

    @Override
    public Initializer create(Params p) {
        return (w, fanIn, fanOut, rng) -> {
            double b = Math.sqrt(2.0) * Math.sqrt(3.0 / fanIn);
            for (int i = 0; i < w.length; i++) w[i] = rng.uniform(-b, b);
        };
    }
}
