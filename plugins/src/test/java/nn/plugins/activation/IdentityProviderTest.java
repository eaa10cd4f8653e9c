package nn.plugins.activation;

import java.util.List;
import nn.core.contract.ActivationContract;
import nn.core.spi.ActivationProvider;

class IdentityProviderTest extends ActivationContract {
    @Override
    protected ActivationProvider provider() {
        return new IdentityProvider();
    }

    @Override
    protected List<Reference> references() {
        return List.of(Reference.at(1.5, 1.5), Reference.at(-2.25, -2.25), Reference.at(0.0, 0.0), Reference.at(1e300, 1e300));
    }
}
