package nn.core.train;

import nn.core.data.Dataset;
import nn.core.tensor.Rng;

/**
 * One epoch's training rows, a batch at a time. Rows in memory come in one seeded permutation of all of them (or in
 * order without shuffling). Data streamed from disk comes a chunk at a time: the chunks in a seeded permutation, and
 * the rows of each chunk in a seeded permutation of their own (a shuffle buffer of one chunk, about 4 MiB of text);
 * a batch may span two chunks. Both draw from the trainer's shuffle generator, whose state checkpoints keep, so a
 * resumed run sees the same rows as an uninterrupted one.
 */
final class Epoch {
    private final Dataset d;
    private final Rng rng;
    private final boolean shuffle;
    private final int[] order;
    private int next;
    // streamed: the chunks' order, the chunk being read and its rows' order
    private int[] chunkOrder;
    private int chunk = -1;
    private Dataset rows;
    private int[] rowOrder;

    /** @param order scratch of d.n() entries, for rows in memory */
    Epoch(Dataset d, Rng rng, boolean shuffle, int[] order) {
        this.d = d;
        this.rng = rng;
        this.shuffle = shuffle;
        this.order = order;
        if (d.chunks() != null) chunkOrder = new int[d.chunks().count()];
    }

    /** Begins an epoch: draws its order (allocating nothing for rows in memory). */
    void start() {
        next = 0;
        if (d.chunks() == null) {
            for (int i = 0; i < d.n(); i++) order[i] = i;
            if (shuffle) rng.shuffle(order, d.n());
        } else {
            for (int i = 0; i < chunkOrder.length; i++) chunkOrder[i] = i;
            if (shuffle) rng.shuffle(chunkOrder, chunkOrder.length);
            chunk = -1;
            rows = null;
        }
    }

    /** Fills xb and tb with the next count rows. xb, tb modified. */
    void batch(int count, double[] xb, double[] tb) {
        if (d.chunks() == null) {
            d.rows(order, next, count, xb, tb);
            next += count;
            return;
        }
        for (int filled = 0; filled < count; ) {
            if (rows == null || next == rows.n()) nextChunk();
            int k = Math.min(count - filled, rows.n() - next);
            rows.rows(rowOrder, next, k, xb, tb, filled);
            next += k;
            filled += k;
        }
    }

    private void nextChunk() {
        do {
            rows = d.chunks().read(chunkOrder[++chunk]);
        } while (rows.n() == 0);
        rowOrder = new int[rows.n()];
        for (int i = 0; i < rowOrder.length; i++) rowOrder[i] = i;
        if (shuffle) rng.shuffle(rowOrder, rowOrder.length);
        next = 0;
    }
}
