package dev.sluice.it.data;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Everything logged in this JVM while it is open, with Sluice's own loggers at DEBUG: messages,
 * arguments, MDC and every exception's message and stack.
 */
final class LogCapture implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger sluice = (Logger) LoggerFactory.getLogger("dev.sluice");
    private final Level sluiceLevel = sluice.getLevel();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    LogCapture() {
        appender.setContext(root.getLoggerContext());
        appender.start();
        root.addAppender(appender);
        sluice.setLevel(Level.DEBUG);
    }

    /** All captured text, one entry per event. */
    synchronized List<String> lines() {
        List<String> out = new ArrayList<>();
        for (ILoggingEvent e : List.copyOf(appender.list)) {
            StringBuilder s = new StringBuilder(e.getLoggerName()).append(' ').append(e.getFormattedMessage());
            if (e.getArgumentArray() != null)
                for (Object a : e.getArgumentArray()) s.append(' ').append(a);
            e.getMDCPropertyMap()
                    .forEach((k, v) -> s.append(' ').append(k).append('=').append(v));
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                s.append(' ').append(t.getClassName()).append(": ").append(t.getMessage());
            }
            out.add(s.toString());
        }
        return out;
    }

    int size() {
        return appender.list.size();
    }

    @Override
    public void close() {
        sluice.setLevel(sluiceLevel);
        root.detachAppender(appender);
        appender.stop();
    }
}
