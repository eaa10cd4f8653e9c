package nn.plugins.init;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nn.core.config.ConfigException;
import nn.core.contract.InitializerContract;
import nn.core.contract.ProviderParams;
import nn.core.spi.InitializerProvider;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** torch.nn.init.xavier_uniform_: U(−a, a), a = gain·√(6/(fan_in + fan_out)). */
class XavierUniformProviderTest extends InitializerContract {
    @Override
    protected InitializerProvider provider() {
        return new XavierUniformProvider();
    }

    @Override
    protected double mean(int fanIn, int fanOut) {
        return 0.0;
    }

    /** a²/3 for U(−a, a). */
    @Override
    protected double variance(int fanIn, int fanOut) {
        return 2.0 / (fanIn + fanOut);
    }

    @Override
    protected double kurtosis() {
        return 1.8;
    }

    @Override
    protected double[] support(int fanIn, int fanOut) {
        double a = Math.sqrt(6.0 / (fanIn + fanOut));
        return new double[] {-a, a};
    }

    @Nested
    class WithGain extends InitializerContract {
        private static final double GAIN = 5.0 / 3.0; // torch.nn.init.calculate_gain('tanh')

        @Override
        protected InitializerProvider provider() {
            return new XavierUniformProvider();
        }

        @Override
        protected String config() {
            return "gain: " + GAIN;
        }

        @Override
        protected double mean(int fanIn, int fanOut) {
            return 0.0;
        }

        @Override
        protected double variance(int fanIn, int fanOut) {
            return GAIN * GAIN * 2.0 / (fanIn + fanOut);
        }

        @Override
        protected double kurtosis() {
            return 1.8;
        }

        @Override
        protected double[] support(int fanIn, int fanOut) {
            double a = GAIN * Math.sqrt(6.0 / (fanIn + fanOut));
            return new double[] {-a, a};
        }
    }

    @Test
    void negativeGainIsRejected() {
        ConfigException e = assertThrows(ConfigException.class, () -> provider().create(ProviderParams.of(provider(), "gain: -1.0")));
        assertTrue(e.getMessage().contains("xavier_uniform.gain: -1.0 is out of range"), e::getMessage);
    }
}
