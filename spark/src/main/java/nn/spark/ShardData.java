package nn.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import nn.core.BadInputException;
import nn.core.data.Dataset;
import nn.core.data.Normalizer;
import nn.core.train.Shards;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * One shard's training rows, what an executor keeps cached between steps: either as training reads them (features
 * normalised, targets as the loss sees them: rows the driver read and sent), or raw (features divided by the
 * source's scale, targets as read: rows read through Spark), normalised as they are read, as nn's data sets do.
 */
record ShardData(int shard, int n, int nin, int nout, double[] x, double[] y, boolean raw) implements Serializable {

    /** Shard k of the training rows d under plan, as training reads them. */
    static ShardData of(Dataset d, Shards plan, int k) {
        int[] members = plan.members(k);
        Dataset s = d.select(members, members.length);
        double[] x = new double[members.length * d.nin()], y = new double[members.length * d.nout()];
        s.rows(null, 0, members.length, x, y);
        return new ShardData(k, members.length, d.nin(), d.nout(), x, y, false);
    }

    /**
     * Shard k of a table read through Spark: its rows (index in the table, values: nin features then the targets) in
     * table order; class labels one-hot over classes, else nout numeric targets.
     */
    static ShardData of(int k, Iterable<Tuple2<Long, Row>> rows, int nin, int nout, List<String> classes, String[] names, double divisor,
                        String source) {
        List<Tuple2<Long, Row>> sorted = new ArrayList<>();
        rows.forEach(sorted::add);
        sorted.sort((a, b) -> Long.compare(a._1(), b._1()));
        int n = sorted.size();
        double[] x = new double[n * nin], y = new double[n * nout];
        for (int r = 0; r < n; r++) {
            Row row = sorted.get(r)._2();
            long line = sorted.get(r)._1() + 1;
            for (int j = 0; j < nin; j++) {
                double v = number(row, j, names[j], line, source);
                x[r * nin + j] = divisor == 1 ? v : v / divisor;
            }
            if (classes != null) {
                String label = SparkTables.label(row, nin);
                int c = classes.indexOf(label);
                y[r * nout + c] = 1;
            } else {
                for (int j = 0; j < nout; j++) y[r * nout + j] = number(row, nin + j, names[nin + j], line, source);
            }
        }
        return new ShardData(k, n, nin, nout, x, y, true);
    }

    /** Column j of row as a number: a numeric column's value, or a text column parsed as a decimal. */
    private static double number(Row row, int j, String column, long line, String source) {
        Object v = row.get(j);
        if (v instanceof Number num) return num.doubleValue();
        if (v instanceof Boolean b) return b ? 1 : 0;
        String text = v == null ? null : v.toString().strip();
        if (text == null || text.isEmpty()) {
            throw new BadInputException("row " + line + " of " + source + ", column '" + column + "': empty (every feature and target needs a number)");
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new BadInputException("row " + line + " of " + source + ", column '" + column + "': '" + text + "' is not a number");
        }
    }

    /** The rows as a data set that reads them as training does (raw rows normalised by norm and targetNorm). */
    Dataset dataset(Normalizer norm, Normalizer targetNorm) {
        Dataset d = new Dataset("shard " + shard, x, y, n, nin, nout, List.of(), List.of(), null);
        return raw ? d.normalized(norm, targetNorm) : d;
    }
}
