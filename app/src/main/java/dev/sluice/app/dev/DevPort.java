package dev.sluice.app.dev;

import dev.sluice.schemas.net.LocalPorts;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Dev mode's infrastructure ports: fixed by default, so a {@code psql}, {@code redis-cli} or a
 * second process can be pointed at them, each changeable by an environment variable. A busy
 * default is not worth failing for (dev mode takes a free port and says so); a busy port the
 * user set is, since something expects it there.
 */
public enum DevPort {
    KAFKA("the embedded Kafka broker", 19092, "SLUICE_DEV_KAFKA_PORT"),
    REDIS("embedded Redis", 16379, "SLUICE_DEV_REDIS_PORT"),
    POSTGRES("embedded PostgreSQL", 15432, "SLUICE_DEV_DB_PORT");

    private final String what;
    private final int preferred;
    private final String setting;

    DevPort(String what, int preferred, String setting) {
        this.what = what;
        this.preferred = preferred;
        this.setting = setting;
    }

    public int preferred() {
        return preferred;
    }

    public String setting() {
        return setting;
    }

    /**
     * The port to start on, 0 for any free one.
     *
     * @param settings looks a setting up by name (the environment), null when unset
     * @param notice   told when the default is busy and a free port is taken instead
     * @throws IllegalArgumentException when the set port is not a port number or is in use
     */
    public int resolve(Function<String, @Nullable String> settings, Consumer<String> notice) {
        return choose(what, preferred, setting, settings, notice);
    }

    static int choose(
            String what,
            int preferred,
            String setting,
            Function<String, @Nullable String> settings,
            Consumer<String> notice) {
        String set = settings.apply(setting);
        if (set != null && !set.isBlank()) {
            int port = parse(setting, set.trim());
            if (port != 0 && !LocalPorts.canBind(port)) {
                throw new IllegalArgumentException("port " + port + " for " + what + " (" + setting
                        + ") is in use by another process: " + "stop what listens there, or set " + setting
                        + " to a free port, or to 0 for any free one");
            }
            return port;
        }
        if (LocalPorts.canBind(preferred)) return preferred;
        notice.accept("sluice: port " + preferred + " for " + what
                + " is in use by another process, so a free port is used instead" + " (listed when ready); set "
                + setting + " to choose one");
        return 0;
    }

    private static int parse(String setting, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65_535) return port;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(
                setting + " must be a port number (1-65535, or 0 for any free one), not '" + value + "'");
    }
}
