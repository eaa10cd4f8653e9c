package nn.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import nn.core.spi.Parameter;
import org.junit.jupiter.api.Test;

/**
 * {@link Trainer#clip} as torch.nn.utils.clip_grad_norm_: the global L2 norm over every parameter's gradient; above
 * max every gradient is multiplied by max/(norm + 1e-6), otherwise nothing changes.
 */
class TrainerClipTest {
    /** A 1×2 weight with grad (3, 4) and a bias with grad (12): the global norm is √(9 + 16 + 144) = 13. */
    private static List<Parameter> thirteen() {
        return List.of(new Parameter("weight", new int[] {1, 2}, new double[] {0.5, -0.5}, new double[] {3.0, 4.0}),
                new Parameter("bias", new int[] {1}, new double[] {0.25}, new double[] {12.0}));
    }

    @Test
    void normBelowMaxLeavesGradsUntouched() {
        for (double max : new double[] {13.5, 20.0, 1e9}) {
            List<Parameter> ps = thirteen();
            Trainer.clip(ps, max);
            assertArrayEquals(new double[] {3.0, 4.0}, ps.get(0).grad(), "max " + max);
            assertArrayEquals(new double[] {12.0}, ps.get(1).grad(), "max " + max);
        }
    }

    /** python3: [g * 5 / (13 + 1e-6) for g in (3, 4, 12)]; the clipped norm is 5·13/(13 + 1e-6) = 4.999999615384645. */
    @Test
    void normAboveMaxScalesEveryGradByMaxOverNormPlusEpsilon() {
        List<Parameter> ps = thirteen();
        Trainer.clip(ps, 5.0);
        assertArrayEquals(new double[] {1.1538460650887643, 1.5384614201183524}, ps.get(0).grad(), 1e-15);
        assertArrayEquals(new double[] {4.615384260355057}, ps.get(1).grad(), 1e-15);
        double norm = Math.sqrt(Math.pow(ps.get(0).grad()[0], 2) + Math.pow(ps.get(0).grad()[1], 2) + Math.pow(ps.get(1).grad()[0], 2));
        assertEquals(4.999999615384645, norm, 1e-14);
    }

    @Test
    void valuesAreNotTouched() {
        List<Parameter> ps = thirteen();
        Trainer.clip(ps, 1.0);
        assertArrayEquals(new double[] {0.5, -0.5}, ps.get(0).data());
        assertArrayEquals(new double[] {0.25}, ps.get(1).data());
    }

    /** The norm is global, not per parameter: each parameter alone (norms 5 and 12) is below 12.5, together 13 is not. */
    @Test
    void theNormIsOverAllParametersTogether() {
        List<Parameter> ps = thirteen();
        Trainer.clip(ps, 12.5);
        double c = 12.5 / (13 + 1e-6);
        assertArrayEquals(new double[] {3 * c, 4 * c}, ps.get(0).grad(), 1e-15);
        assertArrayEquals(new double[] {12 * c}, ps.get(1).grad(), 1e-15);
    }

    @Test
    void zeroGradsStayZero() {
        List<Parameter> ps = List.of(new Parameter("weight", 2, 2));
        Trainer.clip(ps, 1.0);
        assertArrayEquals(new double[4], ps.get(0).grad());
    }
}
