package nn.plugins.init;

import nn.core.contract.InitializerContract;
import nn.core.spi.InitializerProvider;

/**
 * nn.Linear's reset_parameters: kaiming_uniform_(a=√5) for the weight, which is U(−b, b) with
 * b = gain·√(3/fan_in), gain = √(2/(1 + 5)), i.e. b = 1/√fan_in; the same bound for the bias.
 */
class TorchDefaultProviderTest extends InitializerContract {
    @Override
    protected InitializerProvider provider() {
        return new TorchDefaultProvider();
    }

    @Override
    protected double mean(int fanIn, int fanOut) {
        return 0.0;
    }

    @Override
    protected double variance(int fanIn, int fanOut) {
        return 1.0 / (3.0 * fanIn);
    }

    @Override
    protected double kurtosis() {
        return 1.8;
    }

    @Override
    protected double[] support(int fanIn, int fanOut) {
        double b = 1.0 / Math.sqrt(fanIn);
        return new double[] {-b, b};
    }
}
