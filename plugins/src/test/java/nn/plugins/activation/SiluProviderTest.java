package nn.plugins.activation;

import java.util.List;
import nn.core.contract.ActivationContract;
import nn.core.spi.ActivationProvider;

class SiluProviderTest extends ActivationContract {
    @Override
    protected ActivationProvider provider() {
        return new SiluProvider();
    }

    /** python3 with mpmath (mp.dps = 50): x/(1 + exp(-x)). */
    @Override
    protected List<Reference> references() {
        return List.of(
                Reference.at(0.0, 0.0),
                Reference.at(1.0, 0.7310585786300049),
                Reference.at(-2.0, -0.23840584404423512),
                Reference.at(0.5, 0.3112296656009273),
                Reference.at(10.0, 9.999546021312975),
                Reference.at(-40.0, -1.6993417021166355e-16));
    }
}
