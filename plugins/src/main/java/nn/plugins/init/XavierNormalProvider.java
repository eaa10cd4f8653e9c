package nn.plugins.init;

import java.util.List;
import nn.core.spi.Initializer;
import nn.core.spi.InitializerProvider;
import nn.core.spi.Param;
import nn.core.spi.Params;

/** w ~ N(0, std²), std = gain·√(2/(fan_in + fan_out)) (torch.nn.init.xavier_normal_) */
public final class XavierNormalProvider implements InitializerProvider {
    @Override
    public String name() {
        return "xavier_normal";
    }

    @Override
    public String doc() {
        return "w ~ N(0, std²), std = gain·√(2/(fan_in + fan_out)) (torch.nn.init.xavier_normal_)";
    }

    @Override
    public List<Param> params() {
        return List.of(Param.real("gain", 1.0, "scaling factor"));
    }

    @Override
    public Initializer create(Params p) {
        double gain = p.real("gain", 0.0, Double.POSITIVE_INFINITY);
        return (w, fanIn, fanOut, rng) -> {
            double std = gain * Math.sqrt(2.0 / (fanIn + fanOut));
            for (int i = 0; i < w.length; i++) w[i] = std * rng.nextGaussian();
        };
    }
}
