package nn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-column statistics on a 4×3 hand matrix; expected values from python3's statistics.fmean and pstdev. */
class NormalizerTest {
    /** Columns (1, 2, 3, 4), (5, 5, 5, 5) constant, (−1, 0, 2, 7). */
    private static Dataset data() {
        double[] x = {1, 5, -1, 2, 5, 0, 3, 5, 2, 4, 5, 7};
        return new Dataset("hand", x, new double[4], 4, 3, 1, List.of("p", "q", "r"), List.of("t"), null);
    }

    /** Means 2.5, 5, 2; population standard deviations √1.25 = 1.118033988749895, 0 → 1, √9.5 = 3.082207001484488. */
    @Test
    void standardIsMeanAndPopulationStdAndConstantColumnsGetScaleOne() {
        Normalizer n = Normalizer.fit("standard", data());
        assertArrayEquals(new double[] {2.5, 5.0, 2.0}, n.shift(), 1e-15);
        assertArrayEquals(new double[] {1.118033988749895, 1.0, 3.082207001484488}, n.scale(), 1e-15);
    }

    @Test
    void minmaxIsMinAndRangeAndConstantColumnsGetScaleOne() {
        Normalizer n = Normalizer.fit("minmax", data());
        assertArrayEquals(new double[] {1.0, 5.0, -1.0}, n.shift());
        assertArrayEquals(new double[] {3.0, 1.0, 8.0}, n.scale());
    }

    @Test
    void minmaxMapsEachColumnOntoZeroToOne() {
        Dataset raw = data();
        Dataset d = raw.normalized(Normalizer.fit("minmax", raw));
        assertArrayEquals(new double[] {0, 0, 0, 1.0 / 3, 0, 0.125, 2.0 / 3, 0, 0.375, 1, 0, 1}, d.x(), 1e-15);
    }

    /** After standard scaling every non-constant column has mean 0 and population variance 1. */
    @Test
    void standardGivesMeanZeroAndUnitVariance() {
        Dataset raw = data();
        Dataset d = raw.normalized(Normalizer.fit("standard", raw));
        for (int k = 0; k < 3; k += 2) {
            double mean = 0, sq = 0;
            for (int r = 0; r < 4; r++) mean += d.x()[r * 3 + k] / 4;
            for (int r = 0; r < 4; r++) sq += Math.pow(d.x()[r * 3 + k] - mean, 2) / 4;
            assertEquals(0.0, mean, 1e-15, "column " + k);
            assertEquals(1.0, sq, 1e-14, "column " + k);
        }
        for (int r = 0; r < 4; r++) assertEquals(0.0, d.x()[r * 3 + 1], "constant column, row " + r);
    }

    @Test
    void noneChangesNothing() {
        Dataset d = data();
        double[] before = d.x().clone();
        Normalizer n = Normalizer.fit("none", d);
        assertArrayEquals(new double[3], n.shift());
        assertArrayEquals(new double[] {1, 1, 1}, n.scale());
        assertArrayEquals(before, d.normalized(n).x());
    }

    /** Targets (3, 6, 9, 14) of the hand rows: mean 8, population sd √16.5 (squares 25 + 4 + 1 + 36 = 66, over 4); the features are not looked at. */
    @Test
    void targetsAreFittedOnTheTargetColumnsAndInvertUndoesApply() {
        double[] y = {3, 6, 9, 14};
        Dataset raw = new Dataset("hand", new double[] {1, 5, -1, 2, 5, 0, 3, 5, 2, 4, 5, 7}, y, 4, 3, 1,
                List.of("p", "q", "r"), List.of("t"), null);
        Normalizer t = Normalizer.fitTargets("standard", raw);
        assertArrayEquals(new double[] {8.0}, t.shift());
        assertArrayEquals(new double[] {Math.sqrt(16.5)}, t.scale(), 1e-15);
        Dataset d = raw.normalized(Normalizer.fit("none", raw), t);
        double[] yn = d.y();
        double[] tb = new double[4];
        d.rows(null, 0, 4, new double[12], tb);
        assertArrayEquals(yn, tb, "rows() and y() normalise the targets alike");
        assertArrayEquals(new double[] {-5 / Math.sqrt(16.5), -2 / Math.sqrt(16.5), 1 / Math.sqrt(16.5), 6 / Math.sqrt(16.5)}, yn, 1e-15);
        assertArrayEquals(new double[] {3, 6, 9, 14}, y, "the stored targets are not modified");
        t.invert(yn, 0, 4);
        assertArrayEquals(y, yn, 1e-14);
        assertArrayEquals(raw.x(), d.x(), "features untouched by the targets' normalizer");
        assertEquals(t, d.targetNormalizer());
    }

    @Test
    void minmaxTargetsSpanZeroToOne() {
        Dataset raw = new Dataset("hand", new double[4], new double[] {3, 6, 9, 14}, 4, 1, 1, List.of("p"), List.of("t"), null);
        Dataset d = raw.normalized(Normalizer.fit("none", raw), Normalizer.fitTargets("minmax", raw));
        assertArrayEquals(new double[] {0, 3.0 / 11, 6.0 / 11, 1}, d.y(), 1e-15);
    }
}
