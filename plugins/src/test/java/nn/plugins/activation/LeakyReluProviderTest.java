package nn.plugins.activation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nn.core.config.ConfigException;
import nn.core.contract.ActivationContract;
import nn.core.contract.ProviderParams;
import nn.core.spi.Activation;
import nn.core.spi.ActivationProvider;
import org.junit.jupiter.api.Test;

class LeakyReluProviderTest extends ActivationContract {
    @Override
    protected ActivationProvider provider() {
        return new LeakyReluProvider();
    }

    @Override
    protected boolean nearKink(double z) {
        return Math.abs(z) < 1e-3;
    }

    /** With the default alpha = 0.01 (torch.nn.LeakyReLU's negative_slope). */
    @Override
    protected List<Reference> references() {
        return List.of(Reference.at(-2.0, -0.02), Reference.at(3.0, 3.0), Reference.at(0.0, 0.0), Reference.at(-100.0, -1.0));
    }

    @Test
    void alphaFromTheConfigSetsTheSlopeForNegativeInputs() {
        Activation f = provider().create(ProviderParams.of(provider(), "alpha: 0.2"));
        double[] z = {-2.0, -0.5, 1.5}, out = new double[3], dz = new double[3];
        f.forward(z, out, 1, 3);
        assertArrayEquals(new double[] {-0.4, -0.1, 1.5}, out, 1e-16);
        f.backward(z, out, new double[] {1, 2, 3}, dz, 1, 3);
        assertArrayEquals(new double[] {0.2, 0.4, 3.0}, dz, 1e-16);
    }

    @Test
    void negativeAlphaIsRejectedNamingTheKeyAndValue() {
        ConfigException e = assertThrows(ConfigException.class, () -> provider().create(ProviderParams.of(provider(), "alpha: -0.5")));
        assertTrue(e.getMessage().contains("leaky_relu.alpha: -0.5 is out of range"), e::getMessage);
    }
}
