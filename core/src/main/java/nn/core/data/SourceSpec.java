package nn.core.data;

import java.nio.file.Path;
import java.util.List;
import nn.core.config.Loc;
import nn.core.config.Node;

/**
 * One data source from the config: inline rows ({@code inline: [[inputs..., targets...]]}) or a CSV file.
 *
 * @param inline   the rows, or null for a CSV source
 * @param csv      the file (relative paths already resolved against the config's folder), "-" for standard input
 * @param features feature column names; empty means every column that is not a target
 * @param targets  numeric target columns
 * @param target   a class-label column (one-hot encoded), or null
 */
public record SourceSpec(String path, Loc loc, Node.Seq inline, Path csv, boolean stdin, List<String> features,
                         List<String> targets, String target, char delimiter) {
    public String label() {
        return stdin ? "<stdin>" : csv != null ? csv.toString() : path;
    }
}
