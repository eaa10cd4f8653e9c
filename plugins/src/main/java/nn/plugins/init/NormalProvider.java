package nn.plugins.init;

import java.util.List;
import nn.core.spi.Initializer;
import nn.core.spi.InitializerProvider;
import nn.core.spi.Param;
import nn.core.spi.Params;

/** w ~ N(mean, std²) (torch.nn.init.normal_) */
public final class NormalProvider implements InitializerProvider {
    @Override
    public String name() {
        return "normal";
    }

    @Override
    public String doc() {
        return "w ~ N(mean, std²) (torch.nn.init.normal_)";
    }

    @Override
    public List<Param> params() {
        return List.of(Param.real("mean", 0.0, "mean"), Param.real("std", 1.0, "standard deviation"));
    }

    @Override
    public Initializer create(Params p) {
        double mean = p.real("mean"), std = p.real("std", 0.0, Double.POSITIVE_INFINITY);
        return (w, fanIn, fanOut, rng) -> {
            for (int i = 0; i < w.length; i++) w[i] = mean + std * rng.nextGaussian();
        };
    }
}
