package nn.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import nn.core.BadInputException;
import nn.core.config.ConfigException;
import nn.core.data.Dataset;
import nn.core.data.Normalizer;
import nn.core.data.SourceSpec;
import nn.core.data.Tables;
import nn.core.train.Config;
import nn.core.train.Shards;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Training rows read through Spark (parquet:, or csv: … spark: true), kept on the executors as the shards of
 * training.shards: row i of the table (in the order Spark reads its files) goes to shard i mod S, as
 * {@link Shards} assigns rows in this process. The driver gets the rows' count, the class labels, and the
 * normalisers, fitted from per-shard sums added in shard order, so the same table gives the same bits every time
 * whatever the partitions; the rows themselves never leave the executors.
 */
final class SparkTables implements Tables {
    private final JavaSparkContext sc;
    private final int partitions;
    private final Map<String, Kept> kept = new java.util.HashMap<>();

    /** The shards of a table read, raw (normalised as they are read, on the executors), and how to read them. */
    record Kept(JavaRDD<ShardData> shards, Normalizer normalizer) {}

    SparkTables(JavaSparkContext sc, int partitions) {
        this.sc = sc;
        this.partitions = partitions;
    }

    /** The shards of data (by its source), if this reader read it. */
    Kept kept(Dataset data) {
        return data.remote() ? kept.get(data.source()) : null;
    }

    @Override
    public Summary read(SourceSpec spec, Config c, int nout) {
        SourceSpec.Table t = spec.table();
        SparkSession spark = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
        org.apache.spark.sql.Dataset<Row> df;
        try {
            df = t.format().equals("parquet") ? spark.read().parquet(t.uri())
                    : spark.read().option("header", "true").option("sep", String.valueOf(t.delimiter())).csv(t.uri());
        } catch (Exception e) { // AnalysisException (path not found, not parquet) is checked in Scala but undeclared
            throw new ConfigException(spec.loc(), spec.path() + ": cannot read " + t.uri() + " through Spark: " + firstLine(e));
        }
        List<String> columns = Arrays.asList(df.columns());
        List<String> targets = spec.target() != null ? List.of(spec.target()) : spec.targets();
        if (targets.isEmpty()) throw new ConfigException(spec.loc(), spec.path() + ": name the target: target: COLUMN (class labels) or targets: [COLUMN, …]");
        List<String> features = new ArrayList<>(spec.features());
        if (features.isEmpty()) for (String col : columns) if (!targets.contains(col)) features.add(col);
        for (String col : concat(features, targets)) {
            if (!columns.contains(col)) {
                throw new ConfigException(spec.loc(), spec.path() + ": no column '" + col + "' in " + t.uri() + " (its columns: " + String.join(", ", columns) + ")");
            }
        }
        int nin = features.size(), s = c.training().shards();
        boolean labels = spec.target() != null;
        String[] cols = concat(features, targets).toArray(String[]::new);
        JavaRDD<Row> rows = df.selectExpr(quoted(cols)).javaRDD();
        List<String> classes = null;
        if (labels) {
            List<String> seen = rows.map(r -> label(r, nin)).distinct().collect();
            classes = nn.core.data.Sources.classOrder(new ArrayList<>(seen));
        }
        int width = labels ? classes.size() : targets.size();
        if (width != nout) {
            String what = labels ? classes.size() + " classes " + classes : width + " target columns";
            throw new ConfigException(spec.loc(), spec.path() + ": the data has " + what + ", but the last layer has " + nout + " units (make them equal)");
        }
        List<String> classList = classes;
        String source = t.uri();
        String[] names = cols;
        double divisor = spec.divisor();
        int p = Math.max(1, Math.min(partitions, s));
        // each row as its numbers, keyed (shard, index); sorted by that key within the shards' partitions, so each
        // shard's rows arrive in table order and are packed as they stream past (no shard is held as Row objects)
        JavaPairRDD<Tuple2<Integer, Long>, double[]> keyed = rows.zipWithIndex().mapToPair(r -> new Tuple2<>(new Tuple2<>((int) (r._2() % s), r._2()),
                ShardData.values(r._1(), r._2() + 1, nin, width, classList, names, divisor, source)));
        JavaRDD<ShardData> shards;
        try {
            shards = keyed.repartitionAndSortWithinPartitions(new ShardPartitioner(s, p), new TableOrder())
                    .mapPartitions(it -> ShardData.pack(it, nin, width).iterator())
                    .persist(StorageLevel.MEMORY_ONLY());
            sc.setJobDescription("nn: reading " + source + " into " + s + " shards");
            shards.count();
        } catch (Exception e) {
            throw new BadInputException(spec.path() + ": " + source + ": " + badRow(e));
        }
        List<Stats> parts = new ArrayList<>(shards.map(d -> Stats.of(d, labels)).collect());
        parts.sort((a, b) -> Integer.compare(a.shard(), b.shard()));
        Stats all = Stats.sum(parts, nin, width);
        Normalizer norm = all.normalizer(c.data().normalize(), shards, false);
        Normalizer targetNorm = labels ? Normalizer.none(width) : all.normalizer(c.data().normalizeTargets(), shards, true);
        Dataset data = Dataset.remote(source, (int) all.n(), nin, width, features, targets, classes);
        kept.put(source, new Kept(shards, norm));
        return new Summary(data, norm, targetNorm, labels ? all.classCounts() : null);
    }

    /** Shard k's rows go to partition ⌊k·P/S⌋: contiguous runs of shards, as parallelize splits a list. */
    private static final class ShardPartitioner extends Partitioner {
        private final int shards, partitions;

        ShardPartitioner(int shards, int partitions) {
            this.shards = shards;
            this.partitions = partitions;
        }

        @Override
        public int numPartitions() {
            return partitions;
        }

        @Override
        public int getPartition(Object key) {
            @SuppressWarnings("unchecked")
            int shard = ((Tuple2<Integer, Long>) key)._1();
            return (int) ((long) shard * partitions / shards);
        }
    }

    /** (shard, row index) in order: a partition's shards one after another, each shard's rows in table order. */
    private static final class TableOrder implements java.util.Comparator<Tuple2<Integer, Long>>, java.io.Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public int compare(Tuple2<Integer, Long> a, Tuple2<Integer, Long> b) {
            int c = Integer.compare(a._1(), b._1());
            return c != 0 ? c : Long.compare(a._2(), b._2());
        }
    }

    static String label(Row r, int at) {
        Object v = r.get(at);
        return v == null ? "" : v.toString();
    }

    private static String[] quoted(String[] cols) {
        return Arrays.stream(cols).map(c -> "`" + c.replace("`", "``") + "`").toArray(String[]::new);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** What an executor said of a bad row (the nn error in Spark's report), else Spark's first line. */
    private static String badRow(Exception e) {
        for (Throwable x = e; x != null; x = x.getCause()) if (x instanceof BadInputException b) return b.getMessage();
        String m = String.valueOf(e.getMessage());
        int at = m.indexOf(BadInputException.class.getName() + ": ");
        if (at >= 0) return m.substring(at + BadInputException.class.getName().length() + 2).lines().findFirst().orElse(m);
        return firstLine(e);
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        return m.lines().findFirst().orElse(m);
    }
}
