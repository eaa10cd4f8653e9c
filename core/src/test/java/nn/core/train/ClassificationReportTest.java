package nn.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * {@link ClassificationReport} on confusions worked by hand; the expected values are also what scikit-learn 1.2.1's
 * classification_report(y_true, y_pred, zero_division=0) prints for them.
 */
class ClassificationReportTest {
    /** y_true = 0 0 0 1 1 2 2 2 2, y_pred = 0 0 1 0 1 0 0 0 1: class 2 is never predicted. */
    static ClassificationReport nine() {
        int[] truth = {0, 0, 0, 1, 1, 2, 2, 2, 2}, pred = {0, 0, 1, 0, 1, 0, 0, 0, 1};
        double[] y = new double[9 * 3], t = new double[9 * 3];
        for (int r = 0; r < 9; r++) {
            t[r * 3 + truth[r]] = 1;
            for (int j = 0; j < 3; j++) y[r * 3 + j] = j == pred[r] ? 0.5 : 0.25;
        }
        ClassificationReport rep = new ClassificationReport(3);
        rep.add(y, t, 4, 3);
        double[] y2 = new double[5 * 3], t2 = new double[5 * 3];
        System.arraycopy(y, 4 * 3, y2, 0, 5 * 3);
        System.arraycopy(t, 4 * 3, t2, 0, 5 * 3);
        rep.add(y2, t2, 5, 3);
        return rep;
    }

    @Test
    void confusionRowsAreTheTrueClassAndColumnsThePredictedOne() {
        ClassificationReport rep = nine();
        assertArrayEquals(new long[][] {{2, 1, 0}, {1, 1, 0}, {3, 1, 0}}, rep.confusion());
        assertEquals(3, rep.support(0));
        assertEquals(4, rep.support(2));
        assertEquals(6, rep.predicted(0));
        assertEquals(0, rep.predicted(2));
        assertEquals(9, rep.total());
        assertEquals(1.0 / 3, rep.accuracy(), 1e-15);
    }

    @Test
    void perClassScoresWithZeroForAClassNeverPredicted() {
        ClassificationReport rep = nine();
        assertEquals(1.0 / 3, rep.precision(0), 1e-15);
        assertEquals(2.0 / 3, rep.recall(0), 1e-15);
        assertEquals(4.0 / 9, rep.f1(0), 1e-15);
        assertEquals(1.0 / 3, rep.precision(1), 1e-15);
        assertEquals(1.0 / 2, rep.recall(1), 1e-15);
        assertEquals(2.0 / 5, rep.f1(1), 1e-15);
        assertEquals(0.0, rep.precision(2));
        assertEquals(0.0, rep.recall(2));
        assertEquals(0.0, rep.f1(2));
    }

    @Test
    void macroIsThePlainMeanAndWeightedIsBySupport() {
        ClassificationReport rep = nine();
        assertEquals(2.0 / 9, rep.macro(rep::precision), 1e-15);
        assertEquals(7.0 / 18, rep.macro(rep::recall), 1e-15);
        assertEquals(38.0 / 135, rep.macro(rep::f1), 1e-15);
        assertEquals(5.0 / 27, rep.weighted(rep::precision), 1e-15);
        assertEquals(1.0 / 3, rep.weighted(rep::recall), 1e-15);
        assertEquals(32.0 / 135, rep.weighted(rep::f1), 1e-15);
    }

    @Test
    void aSingleOutputIsClassOneAboveOneHalf() {
        // t: 1 1 0 0 0; y: 0.9 0.5 0.51 0.1 0.0 -> predicted 1 0 1 0 0 (0.5 itself is class 0)
        ClassificationReport rep = new ClassificationReport(2);
        rep.add(new double[] {0.9, 0.5, 0.51, 0.1, 0.0}, new double[] {1, 1, 0, 0, 0}, 5, 1);
        assertArrayEquals(new long[][] {{2, 1}, {1, 1}}, rep.confusion());
        assertEquals(2.0 / 3, rep.f1(0), 1e-15);
        assertEquals(1.0 / 2, rep.f1(1), 1e-15);
    }

    @Test
    void anEmptyReportIsZeroAndFewerThanTwoClassesAreRefused() {
        ClassificationReport rep = new ClassificationReport(2);
        assertEquals(0.0, rep.weighted(rep::f1));
        assertEquals(0.0, rep.macro(rep::precision));
        assertEquals(0.0, rep.accuracy());
        assertEquals("k = 1: a classifier needs at least 2 classes",
                assertThrows(IllegalArgumentException.class, () -> new ClassificationReport(1)).getMessage());
    }
}
