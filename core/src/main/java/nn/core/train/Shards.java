package nn.core.train;

import nn.core.tensor.Rng;

/**
 * training.shards = S: data-parallel training whose result does not depend on where the shards are computed. Row r
 * of the training set belongs to shard r mod S for good (a fixed assignment, so a shard's rows can live on one
 * machine). Every epoch each shard orders its own rows with a generator of its own, and every step takes the next
 * b_k of them: b_k = ⌊B/S⌋, one more for the first B mod S shards, so the S parts make a global batch of B rows.
 * An epoch has as many steps as the slowest shard needs, max_k ⌈n_k / b_k⌉; a shard out of rows sits the last
 * step out, and that step's batch is smaller.
 *
 * <p>Each shard's part is the mean gradient over its own rows times their total weight W_k (their count, or with
 * class weights the sum of their weights), and the step's gradient is the parts' sum in shard order divided by the
 * step's weight, g = (((W_0 g_0 + W_1 g_1) + W_2 g_2) + …) / Σ W_k: the gradient of the whole batch's mean, up to
 * rounding, and the same bits wherever the shards were computed. Dropout in shard k at step t draws from a
 * generator of (seed, k, t) alone, so it too is the same anywhere. Everything here is a function of the config:
 * nothing needs to be sent or checkpointed beyond the step count.
 */
public final class Shards {
    /** The most shards a config may ask for. */
    public static final int MAX = 65_536;

    private final int count, rows, batch;

    /** The plan of count shards over rows training rows (fewer rows than shards leaves some empty), a global batch of batch rows (batch ≥ count). */
    public Shards(int count, int rows, int batch) {
        if (count < 1 || batch < count) throw new IllegalArgumentException(count + " shards of a batch of " + batch);
        this.count = count;
        this.rows = rows;
        this.batch = batch;
    }

    public int count() {
        return count;
    }

    /** n_k: the rows of shard k (rows k, k + S, k + 2S, … of the training set). */
    public int rows(int k) {
        return rows <= k ? 0 : (rows - k + count - 1) / count;
    }

    /** The rows of shard k, in training-set order: members[i] = k + i·S. */
    public int[] members(int k) {
        int[] m = new int[rows(k)];
        for (int i = 0; i < m.length; i++) m[i] = k + i * count;
        return m;
    }

    /** b_k: the rows shard k gives to each step (the last step of an epoch may take fewer). */
    public int batch(int k) {
        return batch / count + (k < batch % count ? 1 : 0);
    }

    /** The most rows one shard gives one step: the size of its scratch. */
    public int most() {
        int m = 0;
        for (int k = 0; k < count; k++) m = Math.max(m, Math.min(batch(k), rows(k)));
        return m;
    }

    /** B, the global batch. */
    public int batch() {
        return batch;
    }

    /** Steps per epoch: the most any shard needs. */
    public long steps() {
        long s = 0;
        for (int k = 0; k < count; k++) s = Math.max(s, (rows(k) + (long) batch(k) - 1) / batch(k));
        return s;
    }

    /** Where shard k's part of step `step` (of an epoch) starts in the shard's order of the epoch. */
    public int from(int k, long step) {
        return (int) Math.min(rows(k), step * batch(k));
    }

    /** How many rows shard k gives to step `step` of an epoch: b_k, fewer at the end, 0 once out of rows. */
    public int size(int k, long step) {
        return Math.min(batch(k), rows(k) - from(k, step));
    }

    /** The rows of step `step` of an epoch, over every shard. */
    public int total(long step) {
        int t = 0;
        for (int k = 0; k < count; k++) t += size(k, step);
        return t;
    }

    /**
     * Fills order[0..n_k) with shard k's order of its rows (indices into {@link #members}) for epoch `epoch`
     * (0-based): a permutation drawn from a generator of (seed, k, epoch), or 0, 1, 2, … without shuffling.
     */
    public static void order(long seed, int k, long epoch, boolean shuffle, int[] order, int n) {
        for (int i = 0; i < n; i++) order[i] = i;
        if (shuffle) generator(seed, ORDER, k, epoch).shuffle(order, n);
    }

    /** The state of the dropout generator of shard k at step `step` (counted over the whole run). */
    public static long dropout(long seed, int k, long step) {
        return generator(seed, DROPOUT, k, step).state();
    }

    private static final long ORDER = 0x6f72646572L, DROPOUT = 0x64726f706f7574L;

    /**
     * A generator for (seed, stream, k, i): the four mixed one after another by SplitMix64's finaliser, so that no two
     * (k, i) of a stream share one (a 32-bit string hash of them did, now and then).
     */
    private static Rng generator(long seed, long stream, long k, long i) {
        long h = mix(seed ^ stream);
        h = mix(h + 0x9E3779B97F4A7C15L * (k + 1));
        h = mix(h + 0x9E3779B97F4A7C15L * (i + 1));
        Rng r = new Rng(h);
        r.nextLong();
        return r;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
