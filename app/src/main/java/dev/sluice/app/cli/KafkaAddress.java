package dev.sluice.app.cli;

import java.util.regex.Pattern;

/** Checks a bootstrap list ({@code --kafka}, SLUICE_KAFKA_BOOTSTRAP) before anything starts, so a typo is named, not a timeout. */
final class KafkaAddress {
    /** host:port or [ipv6]:port; a scheme such as PLAINTEXT:// is Kafka's listener syntax, not a client's. */
    private static final Pattern ONE = Pattern.compile("(\\[[0-9a-fA-F:.]+]|[A-Za-z0-9][A-Za-z0-9.-]*):(\\d{1,5})");

    static void check(String bootstrap) {
        for (String part : bootstrap.split(",", -1)) {
            var m = ONE.matcher(part.trim());
            if (!m.matches() || Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(2)) > 65_535) {
                throw new IllegalArgumentException(
                        "--kafka / SLUICE_KAFKA_BOOTSTRAP needs HOST:PORT[,HOST:PORT...] (e.g. 127.0.0.1:19092), not '"
                                + bootstrap + "'");
            }
        }
    }

    private KafkaAddress() {}
}
