package nn.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** -q / -v: how much goes to stderr. */
final class LoggingMixin {
    @Option(names = {"-q", "--quiet"}, description = "Only warnings and errors on stderr.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Debug logging, and stack traces with errors.")
    boolean verbose;

    void apply() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(quiet ? Level.WARN : verbose ? Level.DEBUG : Level.INFO);
    }
}
