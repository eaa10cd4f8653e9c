package nn.plugins.activation;

import java.util.List;
import nn.core.contract.ActivationContract;
import nn.core.spi.ActivationProvider;

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
}
