package nn.plugins.init;

import nn.core.contract.InitializerContract;
import nn.core.spi.InitializerProvider;

/** torch.nn.init.kaiming_uniform_(a=0, mode='fan_in', nonlinearity='relu'): U(−b, b), b = √(6/fan_in). */
class HeUniformProviderTest extends InitializerContract {
    @Override
    protected InitializerProvider provider() {
        return new HeUniformProvider();
    }

    @Override
    protected double mean(int fanIn, int fanOut) {
        return 0.0;
    }

    /** b²/3 for U(−b, b). */
    @Override
    protected double variance(int fanIn, int fanOut) {
        return 2.0 / fanIn;
    }

    @Override
    protected double kurtosis() {
        return 1.8;
    }

    @Override
    protected double[] support(int fanIn, int fanOut) {
        double b = Math.sqrt(6.0 / fanIn);
        return new double[] {-b, b};
    }
}
