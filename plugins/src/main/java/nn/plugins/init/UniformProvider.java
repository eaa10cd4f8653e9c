package nn.plugins.init;

import java.util.List;
import nn.core.spi.Initializer;
import nn.core.spi.InitializerProvider;
import nn.core.spi.Param;
import nn.core.spi.Params;

/** w ~ U(a, b) (torch.nn.init.uniform_) */
public final class UniformProvider implements InitializerProvider {
    @Override
    public String name() {
        return "uniform";
    }

    @Override
    public String doc() {
        return "w ~ U(a, b) (torch.nn.init.uniform_)";
    }

    @Override
    public List<Param> params() {
        return List.of(Param.real("a", 0.0, "lower bound"), Param.real("b", 1.0, "upper bound"));
    }

    @Override
    public Initializer create(Params p) {
        double a = p.real("a"), b = p.real("b");
        if (!(a < b)) throw p.invalid("b", "b must be greater than a = " + a);
        return (w, fanIn, fanOut, rng) -> {
            for (int i = 0; i < w.length; i++) w[i] = rng.uniform(a, b);
        };
    }
}
