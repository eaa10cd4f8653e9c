package nn.plugins.activation;

import static nn.core.contract.Approx.assertClose;

import java.util.List;
import nn.core.contract.ActivationContract;
import nn.core.spi.Activation;
import nn.core.spi.ActivationProvider;
import org.junit.jupiter.api.Test;

class GeluProviderTest extends ActivationContract {
    @Override
    protected ActivationProvider provider() {
        return new GeluProvider();
    }

    /** python3 with mpmath (mp.dps = 50): x/2·(1 + erf(x/√2)), at the exact double of each x. */
    @Override
    protected List<Reference> references() {
        return List.of(
                Reference.at(0.0, 0.0),
                Reference.at(1.0, 0.8413447460685429),
                Reference.at(-0.5, -0.15426876936299344),
                Reference.at(0.25, 0.14967658142073093),
                Reference.at(0.6, 0.4354481293499558),
                Reference.at(3.0, 2.99595030590511),
                Reference.at(-1.5, -0.1002108019032871),
                Reference.at(-2.0, -0.04550026389635842),
                Reference.at(7.0, 6.999999999991041));
    }

    /**
     * For x ≲ −3, 1 + erf(x/√2) cancels (as in PyTorch's kernel, which uses the same form), so the tail is accurate
     * in absolute terms only: gelu(−7) is off by about 2e-6 relative but 2e-17 absolute.
     */
    @Test
    void negativeTailIsAccurateInAbsoluteTerms() {
        Activation f = activation();
        double[] z = {-3.0, -5.0, -7.0, -40.0}, out = new double[4];
        f.forward(z, out, 1, 4);
        // python3 with mpmath (mp.dps = 50): x/2·(1 + erf(x/√2))
        double[] expected = {-0.0040496940948902835, -1.4332578593959695e-06, -8.958687807200846e-12, 0.0};
        assertClose(expected, out, 4, 1e-16, 0.0, () -> "gelu");
    }
}
