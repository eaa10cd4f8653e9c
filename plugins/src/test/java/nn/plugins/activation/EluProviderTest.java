package nn.plugins.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nn.core.config.ConfigException;
import nn.core.contract.ActivationContract;
import nn.core.contract.ProviderParams;
import nn.core.spi.Activation;
import nn.core.spi.ActivationProvider;
import org.junit.jupiter.api.Test;

class EluProviderTest extends ActivationContract {
    @Override
    protected ActivationProvider provider() {
        return new EluProvider();
    }

    /** f'' jumps at 0 (and f' too for alpha ≠ 1). */
    @Override
    protected boolean nearKink(double z) {
        return Math.abs(z) < 1e-3;
    }

    /** python3 with mpmath (mp.dps = 50): expm1(x) for x ≤ 0, alpha = 1. */
    @Override
    protected List<Reference> references() {
        return List.of(
                Reference.at(-1.0, -0.6321205588285577),
                Reference.at(-0.001, -0.0009995001666250085),
                Reference.at(-30.0, -0.9999999999999064),
                Reference.at(2.0, 2.0));
    }

    @Test
    void alphaScalesTheNegativePart() {
        Activation f = provider().create(ProviderParams.of(provider(), "alpha: 0.5"));
        double[] out = new double[1], dz = new double[1];
        f.forward(new double[] {-2.0}, out, 1, 1);
        // python3 mpmath: 0.5*expm1(-2)
        assertEquals(-0.43233235838169365, out[0], 1e-16);
        f.backward(new double[] {-2.0}, out, new double[] {1.0}, dz, 1, 1);
        // 0.5*exp(-2)
        assertEquals(0.06766764161830635, dz[0], 1e-16);
    }

    @Test
    void negativeAlphaIsRejected() {
        ConfigException e = assertThrows(ConfigException.class, () -> provider().create(ProviderParams.of(provider(), "alpha: -1")));
        assertTrue(e.getMessage().contains("elu.alpha: -1 is out of range "), e::getMessage);
    }
}
