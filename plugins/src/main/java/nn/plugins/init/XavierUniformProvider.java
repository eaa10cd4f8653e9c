package nn.plugins.init;

import java.util.List;
import nn.core.spi.Initializer;
import nn.core.spi.InitializerProvider;
import nn.core.spi.Param;
import nn.core.spi.Params;

/** w ~ U(-a, a), a = gain·√(6/(fan_in + fan_out)) (torch.nn.init.xavier_uniform_) */
public final class XavierUniformProvider implements InitializerProvider {
    @Override
    public String name() {
        return "xavier_uniform";
    }

    @Override
    public String doc() {
        return "w ~ U(-a, a), a = gain·√(6/(fan_in + fan_out)) (torch.nn.init.xavier_uniform_)";
    }

    @Override
    public List<Param> params() {
        return List.of(Param.real("gain", 1.0, "scaling factor"));
    }

    @Override
    public Initializer create(Params p) {
        double gain = p.real("gain", 0.0, Double.POSITIVE_INFINITY);
        return (w, fanIn, fanOut, rng) -> {
            double a = gain * Math.sqrt(6.0 / (fanIn + fanOut));
            for (int i = 0; i < w.length; i++) w[i] = rng.uniform(-a, a);
        };
    }
}
