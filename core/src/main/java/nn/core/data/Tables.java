package nn.core.data;

import nn.core.train.Config;

/**
 * Reads training rows through an engine that keeps them where they are read (nn-spark reads {@code parquet:} and
 * {@code csv: … spark: true} sources on its executors): the trainer's process learns only what it needs of them.
 */
public interface Tables {
    /**
     * What the trainer's process knows of rows read elsewhere: their shape and names ({@link Dataset#remote}), the
     * feature and target normalisers fitted to them as the config asks, and for class labels the rows of each
     * class (in class order).
     */
    record Summary(Dataset data, Normalizer normalizer, Normalizer targetNormalizer, long[] classCounts) {}

    /** Reads spec (its {@link SourceSpec#table()}) for config c, whose last layer has nout units. */
    Summary read(SourceSpec spec, Config c, int nout);
}
