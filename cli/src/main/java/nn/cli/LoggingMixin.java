package nn.cli;

import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** -q / -v: how much goes to stderr. */
final class LoggingMixin {
    @Option(names = {"-q", "--quiet"}, description = "Only warnings and errors on stderr.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Debug logging, and stack traces with errors.")
    boolean verbose;

    void apply() {
        // Under spark-submit the cluster's log4j is the backend, and its configuration decides.
        if (!LoggerFactory.getILoggerFactory().getClass().getName().startsWith("ch.qos.logback.")) return;
        Levels.set(quiet, verbose);
    }

    /** Kept apart so that logback's classes are loaded only where logback is the backend. */
    private static final class Levels {
        /** Libraries that log every step at INFO (Spark and what it brings): WARN unless -v. */
        private static final String[] CHATTY = {"org.apache.spark", "org.sparkproject", "org.apache.hadoop", "io.netty", "org.apache.parquet"};

        private static final String[] FAILED_TASK = {"org.apache.spark.executor.Executor", "org.apache.spark.storage.BlockManager",
            "org.apache.spark.scheduler.TaskSetManager"};

        static void set(boolean quiet, boolean verbose) {
            ch.qos.logback.classic.Level level = quiet ? ch.qos.logback.classic.Level.WARN
                    : verbose ? ch.qos.logback.classic.Level.DEBUG : ch.qos.logback.classic.Level.INFO;
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(level);
            for (String name : CHATTY) {
                ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(name)).setLevel(verbose ? level : ch.qos.logback.classic.Level.WARN);
            }
            // A failed Spark task is logged by the executor, the block manager and the scheduler, a stack trace each, once
            // per attempt; nn reports the failure itself, in one line: those three only with -v.
            for (String name : FAILED_TASK) {
                ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(name)).setLevel(verbose ? level : ch.qos.logback.classic.Level.OFF);
            }
            // "Unable to load native-hadoop library": Hadoop's pure-Java code is what nn wants anyway
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.apache.hadoop.util.NativeCodeLoader")).setLevel(
                    verbose ? level : ch.qos.logback.classic.Level.ERROR);
        }
    }
}
