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
     * One row of a table read through Spark as numbers: its nin features divided by divisor, then its targets (class
     * labels one-hot over classes, else nout numbers). line: its number in the table (1-based), for messages.
     */
    static double[] values(Row row, long line, int nin, int nout, List<String> classes, String[] names, double divisor, String source) {
        double[] v = new double[nin + nout];
        for (int j = 0; j < nin; j++) {
            double x = number(row, j, names[j], line, source);
            v[j] = divisor == 1 ? x : x / divisor;
        }
        if (classes != null) {
            v[nin + classes.indexOf(SparkTables.label(row, nin))] = 1;
        } else {
            for (int j = 0; j < nout; j++) v[nin + j] = number(row, nin + j, names[nin + j], line, source);
        }
        return v;
    }

    /**
     * The shards of one partition from its rows, sorted by (shard, row index): each shard's rows packed, in table
     * order, as they stream past.
     */
    static List<ShardData> pack(java.util.Iterator<Tuple2<Tuple2<Integer, Long>, double[]>> rows, int nin, int nout) {
        List<ShardData> out = new ArrayList<>();
        int shard = -1;
        List<double[]> held = new ArrayList<>();
        while (rows.hasNext()) {
            Tuple2<Tuple2<Integer, Long>, double[]> r = rows.next();
            if (r._1()._1() != shard) {
                if (shard >= 0) out.add(packed(shard, held, nin, nout));
                shard = r._1()._1();
                held.clear();
            }
            held.add(r._2());
        }
        if (shard >= 0) out.add(packed(shard, held, nin, nout));
        return out;
    }

    private static ShardData packed(int shard, List<double[]> rows, int nin, int nout) {
        int n = rows.size();
        double[] x = new double[n * nin], y = new double[n * nout];
        for (int r = 0; r < n; r++) {
            System.arraycopy(rows.get(r), 0, x, r * nin, nin);
            System.arraycopy(rows.get(r), nin, y, r * nout, nout);
        }
        return new ShardData(shard, n, nin, nout, x, y, true);
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
