package nn.plugins.init;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nn.core.config.ConfigException;
import nn.core.contract.InitializerContract;
import nn.core.contract.ProviderParams;
import nn.core.spi.InitializerProvider;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** torch.nn.init.normal_(mean=0, std=1) by default. */
class NormalProviderTest extends InitializerContract {
    @Override
    protected InitializerProvider provider() {
        return new NormalProvider();
    }

    @Override
    protected double mean(int fanIn, int fanOut) {
        return 0.0;
    }

    @Override
    protected double variance(int fanIn, int fanOut) {
        return 1.0;
    }

    @Nested
    class WithMeanAndStd extends InitializerContract {
        @Override
        protected InitializerProvider provider() {
            return new NormalProvider();
        }

        @Override
        protected String config() {
            return "mean: 2.0, std: 0.5";
        }

        @Override
        protected double mean(int fanIn, int fanOut) {
            return 2.0;
        }

        @Override
        protected double variance(int fanIn, int fanOut) {
            return 0.25;
        }
    }

    @Test
    void negativeStdIsRejected() {
        ConfigException e = assertThrows(ConfigException.class, () -> provider().create(ProviderParams.of(provider(), "std: -0.1")));
        assertTrue(e.getMessage().contains("normal.std: -0.1 is out of range"), e::getMessage);
    }
}
