package nn.plugins.activation;

import java.util.List;
import nn.core.contract.ActivationContract;
import nn.core.spi.ActivationProvider;

class TanhProviderTest extends ActivationContract {
    @Override
    protected ActivationProvider provider() {
        return new TanhProvider();
    }

    /** python3 with mpmath (mp.dps = 50): tanh(x). */
    @Override
    protected List<Reference> references() {
        return List.of(
                Reference.at(0.0, 0.0),
                Reference.at(0.5, 0.46211715726000974),
                Reference.at(-2.0, -0.9640275800758169),
                Reference.at(0.001, 0.0009999996666668),
                Reference.at(20.0, 1.0));
    }
}
