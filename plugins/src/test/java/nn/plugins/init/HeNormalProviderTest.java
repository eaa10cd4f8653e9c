package nn.plugins.init;

import nn.core.contract.InitializerContract;
import nn.core.spi.InitializerProvider;

/** torch.nn.init.kaiming_normal_(a=0, mode='fan_in', nonlinearity='relu'): N(0, 2/fan_in). */
class HeNormalProviderTest extends InitializerContract {
    @Override
    protected InitializerProvider provider() {
        return new HeNormalProvider();
    }

    @Override
    protected double mean(int fanIn, int fanOut) {
        return 0.0;
    }

    @Override
    protected double variance(int fanIn, int fanOut) {
        return 2.0 / fanIn;
    }
}
