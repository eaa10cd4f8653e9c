package nn.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nn.cli.SweepRun;
import nn.cli.engine.Engine;
import nn.cli.engine.EngineOptions;
import nn.core.BadInputException;
import nn.core.train.Experiment;
import nn.core.train.Shards;
import nn.core.train.Trainer;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * --engine spark: a Spark context for one command. The master is --master, else spark-submit's, else local[*];
 * local[N] gets 4 attempts per task (local[N,4]), as a cluster gives by default, so a failed task is retried
 * there too. Outside spark-submit, executors on a cluster get nn's jars (the ones this class was loaded from)
 * through spark.jars.
 */
final class SparkEngine implements Engine {
    /** Found by nn's command line through ServiceLoader. */
    public static final class Provider implements Engine.Provider {
        @Override
        public String name() {
            return "spark";
        }

        @Override
        public Engine open(EngineOptions options, String app) {
            return new SparkEngine(options, app);
        }
    }

    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\d+|\\*)])?");
    /** The master URLs Spark 4 takes (checked here, so that a typo gets one line rather than Spark's stack trace). */
    private static final Pattern MASTER = Pattern.compile("local(\\[(\\d+|\\*)(,\\d+)?])?|local-cluster\\[\\d+, *\\d+, *\\d+]"
            + "|spark://[^/\\s]+(:\\d+)?(,[^/\\s]+(:\\d+)?)*|yarn|k8s://\\S+");

    private final JavaSparkContext sc;
    private final EngineOptions options;
    private SparkTables tables;

    SparkEngine(EngineOptions options, String app) {
        this.options = options;
        if (options.partitions() != null && options.partitions() < 1) {
            throw new BadInputException("--partitions " + options.partitions() + ": must be 1 or more");
        }
        SparkConf conf = new SparkConf(true).setAppName("nn " + app);
        for (String kv : options.conf()) {
            int eq = kv.indexOf('=');
            if (eq <= 0) throw new BadInputException("--conf " + kv + ": expected KEY=VALUE, e.g. --conf spark.executor.memory=4g");
            conf.set(kv.substring(0, eq), kv.substring(eq + 1));
        }
        String master = options.master() != null ? options.master() : conf.get("spark.master", "local[*]");
        if (!MASTER.matcher(master).matches()) {
            throw new BadInputException("--master " + master + ": not a Spark master URL (local[N], spark://HOST:PORT, yarn or k8s://HOST:PORT)");
        }
        Matcher local = LOCAL.matcher(master);
        if (local.matches()) master = "local[" + (local.group(1) == null ? "1" : local.group(1)) + ",4]";
        conf.setMaster(master);
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        if (!master.startsWith("local") && !conf.contains("spark.jars")) conf.set("spark.jars", String.join(",", ownJars()));
        try {
            sc = new JavaSparkContext(conf);
        } catch (Exception e) { // Spark's SparkException is checked, but undeclared
            String why = String.valueOf(e.getMessage()).lines().findFirst().orElse(String.valueOf(e));
            throw new BadInputException("--master " + master + ": Spark could not start: " + why
                    + " (a master is local[N], spark://HOST:PORT, yarn or k8s://…)");
        }
    }

    /** The jars nn's classes come from (the command line's and this module's), for executors that lack them. */
    private static List<String> ownJars() {
        Set<String> jars = new LinkedHashSet<>();
        for (Class<?> c : new Class<?>[] {nn.cli.SweepRun.class, SparkEngine.class, nn.core.train.Trainer.class, nn.plugins.activation.EluProvider.class}) {
            var src = c.getProtectionDomain().getCodeSource();
            if (src != null && src.getLocation().getPath().endsWith(".jar")) jars.add(src.getLocation().toString());
        }
        return new ArrayList<>(jars);
    }

    private int partitions() {
        return options.partitions() != null ? options.partitions() : sc.defaultParallelism();
    }

    @Override
    public nn.core.data.Tables tables() {
        if (tables == null) tables = new SparkTables(sc, partitions());
        return tables;
    }

    @Override
    public Trainer.ShardEngine shards(Experiment e, Shards plan) {
        return new SparkShards(sc, e, plan, partitions(), tables == null ? null : tables.kept(e.train()));
    }

    @Override
    public void sweep(List<SweepRun.Task> tasks, String dir, Consumer<Map<String, Object>> done) throws InterruptedException {
        SparkSweep.run(sc, tasks, dir, done);
    }

    @Override
    public int slots() {
        return sc.defaultParallelism();
    }

    @Override
    public void fetch(String remote, Path local) {
        try {
            new HadoopFiles(sc.hadoopConfiguration()).fetch(new org.apache.hadoop.fs.Path(remote), local);
        } catch (java.io.IOException e) {
            throw BadInputException.io(remote, "read", e);
        }
    }

    @Override
    public void publish(Path local, String remote) {
        try {
            new HadoopFiles(sc.hadoopConfiguration()).publish(local, new org.apache.hadoop.fs.Path(remote));
        } catch (java.io.IOException e) {
            throw BadInputException.io(remote, "write", e);
        }
    }

    @Override
    public void close() {
        sc.stop();
    }
}
