package nn.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's configuration, in code rather than a logback.xml: every message as its text alone, one line on stderr, at
 * INFO unless -q/-v say otherwise ({@link LoggingMixin}). Found by logback through ServiceLoader before it looks for
 * XML, so start-up parses no XML (that was a third of {@code nn --version}'s start-up).
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {
    @Override
    public ExecutionStatus configure(LoggerContext context) {
        Lines appender = new Lines();
        appender.setContext(context);
        appender.setName("stderr");
        appender.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(appender);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Writes each message (and its exception's stack trace, if any) to stderr, above any progress bar ({@link Stderr}). */
    static final class Lines extends AppenderBase<ILoggingEvent> {
        @Override
        protected void append(ILoggingEvent e) {
            String text = e.getFormattedMessage();
            if (e.getThrowableProxy() != null) text += System.lineSeparator() + ThrowableProxyUtil.asString(e.getThrowableProxy());
            nn.cli.Stderr.line(text);
        }
    }
}
