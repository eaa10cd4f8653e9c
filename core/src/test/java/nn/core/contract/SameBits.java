package nn.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import nn.core.checkpoint.Checkpoint;

/** Two runs that must agree to the bit: every array of their checkpoints, their epochs, steps and histories. */
public final class SameBits {
    private SameBits() {}

    /** Every array (parameters, buffers, optimizer state, best weights, normalisers), the epoch, the steps and the history. */
    public static void assertSameBits(Checkpoint x, Checkpoint y) {
        assertEquals(x.arrays().keySet(), y.arrays().keySet());
        for (String k : x.arrays().keySet()) {
            double[] a = x.arrays().get(k).data(), b = y.arrays().get(k).data();
            assertEquals(a.length, b.length, k);
            for (int i = 0; i < a.length; i++) {
                int at = i;
                assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(b[i]), () -> k + "[" + at + "]: " + a[at] + " and " + b[at]);
            }
        }
        assertEquals(x.epoch(), y.epoch());
        assertEquals(x.steps(), y.steps());
        assertEquals(x.history(), y.history());
    }
}
