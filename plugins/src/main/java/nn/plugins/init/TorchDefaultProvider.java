package nn.plugins.init;

import nn.core.spi.Initializer;
import nn.core.spi.InitializerProvider;
import nn.core.spi.Params;

/** w ~ U(-1/√fan_in, 1/√fan_in), PyTorch's nn.Linear default for weight and bias */
public final class TorchDefaultProvider implements InitializerProvider {
    @Override
    public String name() {
        return "torch_default";
    }

    @Override
    public String doc() {
        return "w ~ U(-1/√fan_in, 1/√fan_in), PyTorch's nn.Linear default for weight and bias";
    }

    @Override
    public Initializer create(Params p) {
        return (w, fanIn, fanOut, rng) -> {
            double b = 1.0 / Math.sqrt(fanIn);
            for (int i = 0; i < w.length; i++) w[i] = rng.uniform(-b, b);
        };
    }
}
