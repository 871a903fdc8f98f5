package dev.sluice.app.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded broker and databases start before Spring configures logging; without this
 * they print their whole configuration at INFO before the first useful line.
 */
final class QuietLogs {
    static void apply() {
        for (String name : new String[] {
            "kafka", "org.apache.kafka", "state.change.logger", "io.zonky", "redis.embedded", "org.apache.zookeeper"
        }) {
            if (LoggerFactory.getLogger(name) instanceof Logger logger) logger.setLevel(Level.WARN);
        }
    }

    private QuietLogs() {}
}
