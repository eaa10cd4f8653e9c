package nn.plugins.init;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nn.core.config.ConfigException;
import nn.core.contract.InitializerContract;
import nn.core.contract.ProviderParams;
import nn.core.spi.InitializerProvider;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** torch.nn.init.uniform_(a=0, b=1) by default: mean (a + b)/2, variance (b − a)²/12. */
class UniformProviderTest extends InitializerContract {
    @Override
    protected InitializerProvider provider() {
        return new UniformProvider();
    }

    @Override
    protected double mean(int fanIn, int fanOut) {
        return 0.5;
    }

    @Override
    protected double variance(int fanIn, int fanOut) {
        return 1.0 / 12.0;
    }

    @Override
    protected double kurtosis() {
        return 1.8;
    }

    @Override
    protected double[] support(int fanIn, int fanOut) {
        return new double[] {0.0, 1.0};
    }

    @Nested
    class WithBounds extends InitializerContract {
        @Override
        protected InitializerProvider provider() {
            return new UniformProvider();
        }

        @Override
        protected String config() {
            return "a: -0.5, b: 2.0";
        }

        @Override
        protected double mean(int fanIn, int fanOut) {
            return 0.75;
        }

        @Override
        protected double variance(int fanIn, int fanOut) {
            return 2.5 * 2.5 / 12.0;
        }

        @Override
        protected double kurtosis() {
            return 1.8;
        }

        @Override
        protected double[] support(int fanIn, int fanOut) {
            return new double[] {-0.5, 2.0};
        }
    }

    @ParameterizedTest(name = "a: 1.0, b: {0}")
    @ValueSource(doubles = {1.0, 0.5})
    void upperBoundMustExceedLowerBound(double b) {
        ConfigException e = assertThrows(ConfigException.class, () -> provider().create(ProviderParams.of(provider(), "a: 1.0, b: " + b)));
        assertTrue(e.getMessage().contains("uniform.b: " + b + " is not valid (b must be greater than a = 1.0)"), e::getMessage);
    }
}
