package nn.core.data;

import java.nio.file.Path;
import java.util.List;
import nn.core.config.Loc;
import nn.core.config.Node;

/**
 * One data source from the config: inline rows ({@code inline: [[inputs..., targets...]]}), a CSV file, or arrays:
 * IDX files ({@code idx: {images: PATH, labels: PATH}}), NumPy files ({@code npy: {features: PATH, labels: PATH}})
 * or the arrays of an .npz ({@code npz: {file: PATH, features: NAME, labels: NAME}}); {@code targets} in place of
 * {@code labels} for numeric targets, and {@code scale: S} to divide the features by S.
 *
 * @param path     the source's key in the config ({@code data.train}), which its errors name; null for a file named
 *                 on the command line ({@code nn eval CKPT DATA}), whose errors name the file alone
 * @param loc      where the source is in the config (for a file named on the command line: the file, line 0)
 * @param inline   the rows, or null for a CSV source
 * @param csv      the file (relative paths already resolved against the config's folder), "-" for standard input
 * @param features feature column names; empty means every column that is not a target
 * @param targets  numeric target columns
 * @param target   a class-label column (one-hot encoded), or null
 * @param arrays   the array files, or null
 * @param scale    what features are divided by; 0 when the config does not say (1 for the training data, the
 *                 training data's scale for held-out data)
 * @param stream   read from disk a chunk at a time, every epoch, rather than held in memory (training CSV files)
 * @param table    rows read through an engine that keeps them where they are ({@code parquet: URI}, or {@code csv: URI}
 *                 with {@code spark: true}), or null
 */
public record SourceSpec(String path, Loc loc, Node.Seq inline, Path csv, boolean stdin, List<String> features,
                         List<String> targets, String target, char delimiter, ArrayFiles arrays, double scale, boolean stream, Table table) {
    /** Every field but table (none). */
    public SourceSpec(String path, Loc loc, Node.Seq inline, Path csv, boolean stdin, List<String> features,
                      List<String> targets, String target, char delimiter, ArrayFiles arrays, double scale, boolean stream) {
        this(path, loc, inline, csv, stdin, features, targets, target, delimiter, arrays, scale, stream, null);
    }

    /** An inline or CSV source (no IDX files), held in memory. */
    public SourceSpec(String path, Loc loc, Node.Seq inline, Path csv, boolean stdin, List<String> features,
                      List<String> targets, String target, char delimiter) {
        this(path, loc, inline, csv, stdin, features, targets, target, delimiter, null, 1, false);
    }

    /** What the features are divided by. */
    public double divisor() {
        return scale == 0 ? 1 : scale;
    }

    /** This source with its features divided by scale. */
    public SourceSpec withScale(double scale) {
        return new SourceSpec(path, loc, inline, csv, stdin, features, targets, target, delimiter, arrays, scale, stream, table);
    }

    /** This source held in memory. */
    public SourceSpec inMemory() {
        return new SourceSpec(path, loc, inline, csv, stdin, features, targets, target, delimiter, arrays, scale, false, table);
    }

    /**
     * An array source's files (relative paths already resolved against the config's folder).
     *
     * @param format   idx, npy or npz
     * @param features the features file (idx, npy), or the .npz archive
     * @param targets  the labels or targets file (idx, npy), or the .npz archive
     * @param names    for npz: the feature and target array names
     * @param labels   whether the targets are class labels (one-hot encoded) rather than numbers
     */
    public record ArrayFiles(String format, Path features, Path targets, List<String> names, boolean labels) {}

    /**
     * A table read through Spark: its format (parquet or csv), its URI (a plain path made absolute, or as written:
     * hdfs://…, s3a://…), and for csv the delimiter.
     */
    public record Table(String format, String uri, char delimiter) {}

    public String label() {
        return table != null ? table.uri() : stdin ? "<stdin>" : csv != null ? csv.toString() : arrays != null ? arrays.features().toString() : path;
    }
}
