package nn.plugins.activation;

import java.util.List;
import nn.core.contract.ActivationContract;
import nn.core.spi.ActivationProvider;

class SoftplusProviderTest extends ActivationContract {
    @Override
    protected ActivationProvider provider() {
        return new SoftplusProvider();
    }

    /** Wide enough to cross PyTorch's threshold at 20, where f becomes x. */
    @Override
    protected double low() {
        return -30.0;
    }

    @Override
    protected double high() {
        return 30.0;
    }

    /** f jumps by log1p(exp(-20)) ≈ 2e-9 at the threshold. */
    @Override
    protected boolean nearKink(double z) {
        return Math.abs(z - 20.0) < 1e-3;
    }

    /** python3 with mpmath (mp.dps = 50): log1p(exp(x)); above the threshold 20, x itself as PyTorch. */
    @Override
    protected List<Reference> references() {
        return List.of(
                Reference.at(1.0, 1.3132616875182228),
                Reference.at(-1.0, 0.3132616875182228),
                Reference.at(0.0, 0.6931471805599453),
                Reference.at(-30.0, 9.357622968839737e-14),
                Reference.at(19.5, 19.500000003398267),
                Reference.at(20.5, 20.5),
                Reference.at(25.0, 25.0));
    }
}
