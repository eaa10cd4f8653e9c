package nn.plugins.init;

import nn.core.contract.InitializerContract;
import nn.core.spi.InitializerProvider;

class ZerosProviderTest extends InitializerContract {
    @Override
    protected InitializerProvider provider() {
        return new ZerosProvider();
    }

    @Override
    protected double mean(int fanIn, int fanOut) {
        return 0.0;
    }

    @Override
    protected double variance(int fanIn, int fanOut) {
        return 0.0;
    }
}
