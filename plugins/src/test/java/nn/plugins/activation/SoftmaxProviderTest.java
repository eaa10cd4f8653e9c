package nn.plugins.activation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.LongStream;
import nn.core.contract.ActivationContract;
import nn.core.spi.Activation;
import nn.core.spi.ActivationProvider;
import nn.core.tensor.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SoftmaxProviderTest extends ActivationContract {
    @Override
    protected ActivationProvider provider() {
        return new SoftmaxProvider();
    }

    /** python3 with mpmath (mp.dps = 50): exp(z_j − max z)/Σ_k exp(z_k − max z), row by row. */
    @Override
    protected List<Reference> references() {
        return List.of(
                new Reference(1, 1, new double[] {-3.5}, new double[] {1.0}),
                new Reference(1, 3, new double[] {0, 1, 2}, new double[] {0.09003057317038046, 0.24472847105479764, 0.6652409557748219}),
                // two rows: a shifted copy of the first, and one whose large entry would overflow exp without the max
                new Reference(2, 3, new double[] {1, 2, 3, -1, 0, 1000},
                        new double[] {0.09003057317038046, 0.24472847105479764, 0.6652409557748219, 0.0, 0.0, 1.0}),
                new Reference(1, 4, new double[] {0.5, -0.25, 0.5, 3},
                        new double[] {0.06823674637384586, 0.0322327566548765, 0.06823674637384586, 0.8312937505974318}));
    }

    static LongStream rowSeeds() {
        return LongStream.rangeClosed(1, 10);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("rowSeeds")
    void eachRowIsADistributionUnchangedByShiftingTheRow(long seed) {
        Rng rng = new Rng(seed);
        int rows = 1 + rng.nextInt(4), cols = 1 + rng.nextInt(6);
        double[] z = new double[rows * cols], shifted = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            double c = rng.uniform(-50, 50);
            for (int j = 0; j < cols; j++) {
                z[r * cols + j] = rng.uniform(-5, 5);
                shifted[r * cols + j] = z[r * cols + j] + c;
            }
        }
        Activation f = activation();
        double[] out = new double[z.length], outShifted = new double[z.length];
        f.forward(z, out, rows, cols);
        f.forward(shifted, outShifted, rows, cols);
        assertArrayEquals(out, outShifted, 1e-13);
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int j = 0; j < cols; j++) s += out[r * cols + j];
            assertEquals(1.0, s, 1e-15, "row " + r);
        }
    }
}
