package dev.sluice.persistence.cdc;

import dev.sluice.schemas.kafka.KafkaClients;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Where the CDC stream reads from and keeps its position.
 *
 * @param offsetsTopic        compacted topic where the engine stores its source offsets (the
 *                            LSN it has handled), so a restart resumes instead of re-reading or
 *                            skipping; created by the engine if missing
 * @param offsetsReplication  replication factor of that topic (1 in dev, 3 in production)
 * @param snapshotMode        Debezium {@code snapshot.mode}; {@code no_data} starts the audit
 *                            trail at the moment capture starts instead of replaying every row
 */
public record CdcSettings(
        String host,
        int port,
        String database,
        String user,
        String password,
        String bootstrap,
        String offsetsTopic,
        short offsetsReplication,
        String slotName,
        String publicationName,
        String snapshotMode,
        Duration heartbeat) {

    public static final String TABLES = "public.conversations,public.messages";
    /** User text never enters the audit trail, so erasure leaves nothing behind in Kafka. */
    public static final String EXCLUDED_COLUMNS = "public.messages.content,public.conversations.title";

    public static final String TOPIC_PREFIX = "sluice";
    /** Where the engine keeps its position; the persistence role alone reads, writes and creates it. */
    public static final String OFFSETS_TOPIC = "sluice.cdc.offsets";

    /**
     * Reads host, port and database from a {@code jdbc:postgresql://host:port/db?…} URL, and the
     * login as the JDBC driver resolves it: {@code user} and {@code password} in the URL's query
     * win over the datasource's username and password (pgjdbc gives URL parameters precedence),
     * so Debezium logs in as the same user as the application's connection pool.
     *
     * @param user     {@code spring.datasource.username}, or null/blank when unset
     * @param password {@code spring.datasource.password}, or null/blank when unset
     */
    public static CdcSettings fromJdbcUrl(
            String jdbcUrl, String user, String password, String bootstrap, short offsetsReplication) {
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("CDC needs a jdbc:postgresql:// URL, got " + jdbcUrl);
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        Map<String, String> query = query(uri.getRawQuery());
        String login = firstSet(query.get("user"), user, "postgres");
        String secret = firstSet(query.get("password"), password, "");
        return new CdcSettings(
                uri.getHost(),
                uri.getPort() < 0 ? 5432 : uri.getPort(),
                path.isEmpty() ? "postgres" : path,
                login,
                secret,
                bootstrap,
                OFFSETS_TOPIC,
                offsetsReplication,
                "sluice_audit",
                "sluice_audit",
                "no_data",
                Duration.ofSeconds(5));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) return out;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) continue;
            out.put(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String firstSet(@Nullable String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) return v;
        }
        return "";
    }

    /** No password in the text: the record is logged by whoever prints it. */
    @Override
    public String toString() {
        return "CdcSettings[" + user + "@" + host + ":" + port + "/" + database + ", slot " + slotName + "]";
    }

    Properties engineProperties() {
        Properties p = new Properties();
        p.setProperty("name", "sluice-audit");
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("offset.storage", KafkaOffsetStore.class.getName());
        p.setProperty("offset.storage.topic", offsetsTopic);
        p.setProperty("offset.storage.partitions", "1");
        p.setProperty("offset.storage.replication.factor", Short.toString(offsetsReplication));
        p.setProperty("offset.flush.interval.ms", "1000");
        p.setProperty("bootstrap.servers", bootstrap);
        // The offset store's producer and consumer are made from these properties: they sign in as this role.
        KafkaClients.securityProperties().forEach((k, v) -> p.setProperty(k, String.valueOf(v)));
        p.setProperty("database.hostname", host);
        p.setProperty("database.port", Integer.toString(port));
        p.setProperty("database.user", user);
        p.setProperty("database.password", password == null ? "" : password);
        p.setProperty("database.dbname", database);
        p.setProperty("topic.prefix", TOPIC_PREFIX);
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", slotName);
        p.setProperty("publication.name", publicationName);
        // The Flyway migration owns the publication; the connector only uses it.
        p.setProperty("publication.autocreate.mode", "disabled");
        p.setProperty("table.include.list", TABLES);
        p.setProperty("column.exclude.list", EXCLUDED_COLUMNS);
        p.setProperty("snapshot.mode", snapshotMode);
        p.setProperty("tombstones.on.delete", "false");
        // Heartbeats move the slot forward while the tables are quiet, so PostgreSQL can drop
        // WAL the audit stream no longer needs, and keep the lag gauge honest.
        p.setProperty("heartbeat.interval.ms", Long.toString(heartbeat.toMillis()));
        // The connector's default 500 ms queue poll would be most of the row-to-event latency (goal:
        // p99 2 s); 20 ms made its task the busiest thread of an idle dev JVM (5% of a core), 100 ms
        // is a fifth of that and still small beside the goal.
        p.setProperty("poll.interval.ms", "100");
        p.setProperty("status.update.interval.ms", "1000");
        // A lost database connection is retried inside the engine, for ever, with backoff.
        p.setProperty("errors.max.retries", "-1");
        p.setProperty("errors.retry.delay.initial.ms", "500");
        p.setProperty("errors.retry.delay.max.ms", "30000");
        p.setProperty("converter.schemas.enable", "false");
        p.setProperty("key.converter.schemas.enable", "false");
        p.setProperty("value.converter.schemas.enable", "false");
        return p;
    }
}
