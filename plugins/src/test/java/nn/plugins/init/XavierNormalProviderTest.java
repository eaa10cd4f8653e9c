package nn.plugins.init;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nn.core.config.ConfigException;
import nn.core.contract.InitializerContract;
import nn.core.contract.ProviderParams;
import nn.core.spi.InitializerProvider;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** torch.nn.init.xavier_normal_: N(0, std²), std = gain·√(2/(fan_in + fan_out)). */
class XavierNormalProviderTest extends InitializerContract {
    @Override
    protected InitializerProvider provider() {
        return new XavierNormalProvider();
    }

    @Override
    protected double mean(int fanIn, int fanOut) {
        return 0.0;
    }

    @Override
    protected double variance(int fanIn, int fanOut) {
        return 2.0 / (fanIn + fanOut);
    }

    @Nested
    class WithGain extends InitializerContract {
        @Override
        protected InitializerProvider provider() {
            return new XavierNormalProvider();
        }

        @Override
        protected String config() {
            return "gain: 1.5";
        }

        @Override
        protected double mean(int fanIn, int fanOut) {
            return 0.0;
        }

        @Override
        protected double variance(int fanIn, int fanOut) {
            return 1.5 * 1.5 * 2.0 / (fanIn + fanOut);
        }
    }

    @Test
    void negativeGainIsRejected() {
        ConfigException e = assertThrows(ConfigException.class, () -> provider().create(ProviderParams.of(provider(), "gain: -2.0")));
        assertTrue(e.getMessage().contains("xavier_normal.gain: -2.0 is out of range"), e::getMessage);
    }
}
