package nn.plugins.activation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import nn.core.contract.ActivationContract;
import nn.core.spi.Activation;
import nn.core.spi.ActivationProvider;
import org.junit.jupiter.api.Test;

class SigmoidProviderTest extends ActivationContract {
    @Override
    protected ActivationProvider provider() {
        return new SigmoidProvider();
    }

    /** python3 with mpmath (mp.dps = 50): 1/(1 + exp(-x)). */
    @Override
    protected List<Reference> references() {
        return List.of(
                Reference.at(0.0, 0.5),
                Reference.at(1.0, 0.7310585786300049),
                Reference.at(-1.0, 0.2689414213699951),
                Reference.at(0.1, 0.52497918747894),
                Reference.at(15.0, 0.9999996940977731),
                Reference.at(-40.0, 4.248354255291589e-18));
    }

    @Test
    void saturatesWithoutOverflow() {
        Activation f = activation();
        double[] z = {-800, 800}, out = new double[2], dz = new double[2];
        f.forward(z, out, 1, 2);
        assertArrayEquals(new double[] {0.0, 1.0}, out);
        f.backward(z, out, new double[] {1, 1}, dz, 1, 2);
        assertArrayEquals(new double[] {0.0, 0.0}, dz);
    }
}
