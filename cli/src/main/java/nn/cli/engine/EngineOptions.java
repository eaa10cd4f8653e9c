package nn.cli.engine;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Where nn train's shards and nn sweep's runs are computed: --engine, and the options an engine other than local takes. */
public final class EngineOptions {
    @Option(names = "--engine", paramLabel = "ENGINE",
            description = "local (default: this process) or spark (Apache Spark; needs nn-spark, which ./nn adds: docs/spark.md).")
    String engine = "local";

    @Option(names = "--master", paramLabel = "URL",
            description = "With --engine spark: the Spark master, local[N] or spark://HOST:PORT (default: spark-submit's, else local[*]).")
    String master;

    @Option(names = "--partitions", paramLabel = "N",
            description = "With --engine spark: Spark partitions for the shards or runs (default: Spark's default parallelism).")
    Integer partitions;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "With --engine spark: a Spark setting (repeatable), e.g. spark.executor.memory=4g.")
    List<String> conf = new ArrayList<>();

    /** Refuses --master, --partitions and --conf without an engine that takes them. */
    public void check() {
        if (!local()) return;
        String given = master != null ? "--master" : partitions != null ? "--partitions" : !conf.isEmpty() ? "--conf" : null;
        if (given != null) throw new nn.core.BadInputException(given + " is for --engine spark; add --engine spark, or leave " + given + " out");
    }

    public String engine() {
        return engine;
    }

    public boolean local() {
        return engine.equals("local");
    }

    /** --master, or null. */
    public String master() {
        return master;
    }

    /** --partitions, or null. */
    public Integer partitions() {
        return partitions;
    }

    public List<String> conf() {
        return List.copyOf(conf);
    }
}
