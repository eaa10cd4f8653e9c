package nn.plugins.activation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import nn.core.contract.ActivationContract;
import nn.core.spi.Activation;
import nn.core.spi.ActivationProvider;
import org.junit.jupiter.api.Test;

class ReluProviderTest extends ActivationContract {
    @Override
    protected ActivationProvider provider() {
        return new ReluProvider();
    }

    @Override
    protected boolean nearKink(double z) {
        return Math.abs(z) < 1e-3;
    }

    @Override
    protected List<Reference> references() {
        return List.of(Reference.at(-1.0, 0.0), Reference.at(2.5, 2.5), Reference.at(0.0, 0.0), Reference.at(-1e-300, 0.0));
    }

    @Test
    void derivativeAtZeroIsZeroAsInPyTorch() {
        Activation f = activation();
        double[] z = {0.0, -0.0, 1e-300, -1e-300}, out = new double[4], dz = new double[4];
        f.forward(z, out, 1, 4);
        f.backward(z, out, new double[] {3, 3, 3, 3}, dz, 1, 4);
        assertArrayEquals(new double[] {0, 0, 3, 0}, dz);
    }
}
