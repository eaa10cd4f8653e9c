package nn.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import nn.core.tensor.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Shards}, the plan of S shards over n training rows and a global batch of B: shard k holds rows r ≡ k (mod S),
 * n_k of them; each step takes b_k of its rows, Σ_k b_k = B; an epoch is max_k ⌈n_k / b_k⌉ steps; each shard's
 * order of an epoch is a permutation of its own.
 */
class ShardsTest {
    /** (n, S, B) at the edges: fewer rows than shards, one row, B = S, B not a multiple of S, S = 1, B > n. */
    static Stream<Arguments> edges() {
        return Stream.of(
                Arguments.of(1, 1, 1), Arguments.of(2, 3, 3), Arguments.of(2, 3, 5), Arguments.of(1, 4, 4), Arguments.of(3, 8, 8),
                Arguments.of(7, 7, 7), Arguments.of(10, 4, 4), Arguments.of(10, 4, 7), Arguments.of(10, 3, 10), Arguments.of(11, 3, 5),
                Arguments.of(150, 4, 16), Arguments.of(150, 3, 16), Arguments.of(17, 1, 5), Arguments.of(5, 2, 64), Arguments.of(100, 64, 64),
                Arguments.of(100, 7, 99), Arguments.of(1000, 9, 17), Arguments.of(12, 5, 6));
    }

    /** Seeded random (n, S, B): n in [1, 400], S in [1, 12], B in [S, S + 40]. */
    static Stream<Arguments> random() {
        return LongStream.rangeClosed(1, 200).mapToObj(seed -> {
            Rng g = new Rng(seed);
            int n = 1 + g.nextInt(400), s = 1 + g.nextInt(12), b = s + g.nextInt(41);
            return Arguments.of(n, s, b);
        });
    }

    static Stream<Arguments> plans() {
        return Stream.concat(edges(), random());
    }

    @ParameterizedTest(name = "n {0}, S {1}, B {2}")
    @MethodSource("plans")
    void theShardsPartitionTheRowsByRowModS(int n, int s, int b) {
        Shards plan = new Shards(s, n, b);
        int[] owner = new int[n];
        Arrays.fill(owner, -1);
        int sum = 0;
        for (int k = 0; k < s; k++) {
            int[] m = plan.members(k);
            assertEquals(plan.rows(k), m.length, "n_" + k);
            for (int i = 0; i < m.length; i++) {
                assertTrue(m[i] >= 0 && m[i] < n, "row " + m[i] + " of shard " + k);
                assertEquals(k, m[i] % s, "row " + m[i] + " in shard " + k);
                assertEquals(-1, owner[m[i]], "row " + m[i] + " in shards " + owner[m[i]] + " and " + k);
                owner[m[i]] = k;
                if (i > 0) assertTrue(m[i - 1] < m[i], "shard " + k + " in training-set order");
            }
            sum += plan.rows(k);
        }
        assertEquals(n, sum, "Σ n_k");
        for (int r = 0; r < n; r++) assertEquals(r % s, owner[r], "row " + r);
    }

    @ParameterizedTest(name = "n {0}, S {1}, B {2}")
    @MethodSource("plans")
    void theShardsBatchesMakeTheGlobalBatch(int n, int s, int b) {
        Shards plan = new Shards(s, n, b);
        int sum = 0;
        for (int k = 0; k < s; k++) {
            assertTrue(plan.batch(k) >= 1, "b_" + k);
            assertTrue(Math.abs(plan.batch(k) - (double) b / s) < 1, "b_" + k + " = " + plan.batch(k) + " is ⌊B/S⌋ or ⌈B/S⌉");
            if (k > 0) assertTrue(plan.batch(k - 1) >= plan.batch(k), "the larger parts come first");
            sum += plan.batch(k);
        }
        assertEquals(b, sum, "Σ b_k");
    }

    /** Every shard gives each of its rows to exactly one step, b_k a step until it runs out; no step is empty. */
    @ParameterizedTest(name = "n {0}, S {1}, B {2}")
    @MethodSource("plans")
    void anEpochsStepsUseEveryRowOnceAndNoneIsEmpty(int n, int s, int b) {
        Shards plan = new Shards(s, n, b);
        long steps = plan.steps(), most = 0;
        for (int k = 0; k < s; k++) {
            int given = 0;
            long own = 0; // the steps shard k needs: counted by taking b_k at a time until n_k are taken
            for (int left = plan.rows(k); left > 0; left -= plan.batch(k)) own++;
            most = Math.max(most, own);
            for (long t = 0; t < steps; t++) {
                int size = plan.size(k, t);
                assertEquals(given, plan.from(k, t), "shard " + k + " step " + t + " starts where the last ended");
                assertEquals(t < own - 1 ? plan.batch(k) : t == own - 1 ? plan.rows(k) - given : 0, size, "shard " + k + " step " + t);
                given += size;
            }
            assertEquals(plan.rows(k), given, "Σ_t size(" + k + ", t) = n_" + k);
            assertEquals(0, plan.size(k, steps), "shard " + k + " after the epoch");
        }
        assertEquals(most, steps, "steps = max_k ⌈n_k / b_k⌉");
        int rows = 0;
        for (long t = 0; t < steps; t++) {
            int total = 0;
            for (int k = 0; k < s; k++) total += plan.size(k, t);
            assertEquals(total, plan.total(t), "total(" + t + ")");
            assertTrue(total >= 1 && total <= b, "step " + t + " has " + total + " rows");
            rows += total;
        }
        assertEquals(n, rows, "Σ_t total(t)");
    }

    @ParameterizedTest(name = "n {0}, S {1}, B {2}")
    @MethodSource("plans")
    void eachShardsOrderIsAPermutationOfItsOwnForEachEpoch(int n, int s, int b) {
        Shards plan = new Shards(s, n, b);
        long seed = 31L * n + 7L * s + b;
        for (int k = 0; k < s; k++) {
            int nk = plan.rows(k);
            int[] identity = new int[nk];
            for (int i = 0; i < nk; i++) identity[i] = i;
            for (long epoch = 0; epoch < 3; epoch++) {
                int[] a = order(seed, k, epoch, true, nk), again = order(seed, k, epoch, true, nk);
                int[] sorted = a.clone();
                Arrays.sort(sorted);
                assertArrayEquals(identity, sorted, "a permutation of 0..n_k - 1, shard " + k + " epoch " + epoch);
                assertArrayEquals(a, again, "the same (seed, k, epoch), the same order");
                if (nk >= 10) assertFalse(Arrays.equals(a, order(seed, k, epoch + 1, true, nk)), "shard " + k + ": epochs " + epoch + " and " + (epoch + 1));
                assertArrayEquals(identity, order(seed, k, epoch, false, nk), "no shuffle, shard " + k);
            }
        }
    }

    /** Shards of the same size shuffle independently, and the seed matters. */
    @ParameterizedTest(name = "n {0}, S {1}, B {2}")
    @MethodSource("plans")
    void shardsAndSeedsHaveOrdersOfTheirOwn(int n, int s, int b) {
        Shards plan = new Shards(s, n, b);
        for (int k = 1; k < s; k++) {
            int nk = plan.rows(k);
            if (nk < 10 || nk != plan.rows(0)) continue;
            assertFalse(Arrays.equals(order(5, 0, 2, true, nk), order(5, k, 2, true, nk)), "shards 0 and " + k);
        }
        int n0 = plan.rows(0);
        if (n0 >= 10) assertFalse(Arrays.equals(order(5, 0, 0, true, n0), order(6, 0, 0, true, n0)), "seeds 5 and 6");
    }

    /** order() fills order[0..n) only, whatever the array held. */
    @ParameterizedTest(name = "n {0}, S {1}, B {2}")
    @MethodSource("edges")
    void orderWritesTheFirstNAndNothingElse(int n, int s, int b) {
        int nk = new Shards(s, n, b).rows(0);
        int[] buf = new int[nk + 3];
        Arrays.fill(buf, -9);
        Shards.order(1, 0, 0, true, buf, nk);
        assertArrayEquals(order(1, 0, 0, true, nk), Arrays.copyOf(buf, nk));
        assertArrayEquals(new int[] {-9, -9, -9}, Arrays.copyOfRange(buf, nk, nk + 3));
    }

    private static int[] order(long seed, int k, long epoch, boolean shuffle, int n) {
        int[] o = new int[n];
        Arrays.fill(o, -1);
        Shards.order(seed, k, epoch, shuffle, o, n);
        return o;
    }
}
