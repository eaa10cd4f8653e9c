package nn.core.data;

import java.nio.file.Path;
import java.util.List;
import nn.core.config.Loc;
import nn.core.config.Node;

/**
 * One data source from the config: inline rows ({@code inline: [[inputs..., targets...]]}), a CSV file, or a pair
 * of IDX files ({@code idx: {images: PATH, labels: PATH}, scale: 255}).
 *
 * @param inline   the rows, or null for a CSV source
 * @param csv      the file (relative paths already resolved against the config's folder), "-" for standard input
 * @param features feature column names; empty means every column that is not a target
 * @param targets  numeric target columns
 * @param target   a class-label column (one-hot encoded), or null
 * @param idx      the IDX images and labels files, or null
 * @param scale    what IDX values are divided by (1 for none)
 */
public record SourceSpec(String path, Loc loc, Node.Seq inline, Path csv, boolean stdin, List<String> features,
                         List<String> targets, String target, char delimiter, IdxFiles idx, double scale) {
    /** An inline or CSV source (no IDX files). */
    public SourceSpec(String path, Loc loc, Node.Seq inline, Path csv, boolean stdin, List<String> features,
                      List<String> targets, String target, char delimiter) {
        this(path, loc, inline, csv, stdin, features, targets, target, delimiter, null, 1);
    }

    /** An IDX source's two files (relative paths already resolved against the config's folder). */
    public record IdxFiles(Path images, Path labels) {}

    public String label() {
        return stdin ? "<stdin>" : csv != null ? csv.toString() : idx != null ? idx.images().toString() : path;
    }

    Path idxImages() {
        return idx.images();
    }

    Path idxLabels() {
        return idx.labels();
    }
}
