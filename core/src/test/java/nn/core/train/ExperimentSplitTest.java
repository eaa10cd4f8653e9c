package nn.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import nn.core.data.Dataset;
import nn.core.tensor.Rng;
import org.junit.jupiter.api.Test;

/** {@link Experiment#split}: a seeded, stratified split that loses and duplicates no row. */
class ExperimentSplitTest {
    /**
     * 20 rows whose one feature is the row number; classes a, b, c (10, 7 and 3 rows) interleaved. With fraction 0.3
     * each class gives round(0.3·count) = 3, 2 and 1 rows.
     */
    private static final String CLASSES = "abacbaabcabbaabacaba";

    private static Dataset labelled() {
        int n = 20;
        double[] x = new double[n], y = new double[n * 3];
        for (int r = 0; r < n; r++) {
            x[r] = r;
            int c = CLASSES.charAt(r) - 'a';
            y[r * 3 + c] = 1;
        }
        return new Dataset("hand", x, y, n, 1, 3, List.of("id"), List.of("class"), List.of("a", "b", "c"));
    }

    private static int[] count(Dataset d) {
        int[] k = new int[d.nout()];
        for (int r = 0; r < d.n(); r++) k[d.label(r)]++;
        return k;
    }

    private static int[] ids(Dataset d) {
        return Arrays.stream(d.x()).mapToInt(v -> (int) v).toArray();
    }

    @Test
    void theHandDataHasTenSevenAndThreeRows() {
        assertArrayEquals(new int[] {10, 7, 3}, count(labelled()));
    }

    @Test
    void eachClassGivesRoundFractionTimesItsCount() {
        for (long seed = 1; seed <= 10; seed++) {
            Dataset[] parts = Experiment.split(labelled(), 0.3, new Rng(seed));
            assertArrayEquals(new int[] {3, 2, 1}, count(parts[1]), "held-out counts, seed " + seed);
            assertArrayEquals(new int[] {7, 5, 2}, count(parts[0]), "kept counts, seed " + seed);
        }
    }

    @Test
    void noRowIsLostOrDuplicatedAndRowsKeepTheirTargets() {
        Dataset d = labelled();
        Dataset[] parts = Experiment.split(d, 0.3, new Rng(3));
        int[] all = IntStream.concat(Arrays.stream(ids(parts[0])), Arrays.stream(ids(parts[1]))).sorted().toArray();
        assertArrayEquals(IntStream.range(0, 20).toArray(), all);
        for (Dataset p : parts) {
            for (int r = 0; r < p.n(); r++) {
                int id = (int) p.x()[r];
                assertEquals(d.label(id), p.label(r), "row " + id + " changed class");
            }
            int[] own = ids(p);
            assertArrayEquals(Arrays.stream(own).sorted().toArray(), own, "rows keep the file's order");
            assertEquals(d.classes(), p.classes());
        }
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        int[] a = ids(Experiment.split(labelled(), 0.3, new Rng(42))[1]);
        int[] b = ids(Experiment.split(labelled(), 0.3, new Rng(42))[1]);
        assertArrayEquals(a, b);
        boolean differs = false;
        for (long seed = 43; seed < 46; seed++) differs |= !Arrays.equals(a, ids(Experiment.split(labelled(), 0.3, new Rng(seed))[1]));
        assertFalse(!differs, "seeds 43..45 all gave seed 42's split");
    }

    /** Numeric targets: one group, round(0.2·10) = 2 rows. */
    @Test
    void unlabelledRowsAreSplitAsOneGroup() {
        double[] x = IntStream.range(0, 10).asDoubleStream().toArray();
        Dataset d = new Dataset("hand", x, x.clone(), 10, 1, 1, List.of("id"), List.of("t"), null);
        Dataset[] parts = Experiment.split(d, 0.2, new Rng(1));
        assertEquals(2, parts[1].n());
        assertEquals(8, parts[0].n());
        for (Dataset p : parts) assertArrayEquals(p.x(), p.y(), "targets follow their rows");
    }
}
