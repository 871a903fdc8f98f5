package dev.sluice.infra;

import dev.sluice.it.fault.KraftCluster;
import dev.sluice.schemas.net.LocalPorts;
import dev.sluice.schemas.net.PortReservation;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.embedded.RedisServer;
import redis.embedded.core.RedisServerBuilder;

/**
 * The compose file's brokers, Redis and PostgreSQL as real local servers, started from the
 * compose file's own settings: three KRaft nodes with the compose brokers' listeners, SASL,
 * ACL authorizer and replication (3, min ISR 2), redis-server with the service's command-line options (password included), and
 * PostgreSQL with the service's {@code -c} settings, its POSTGRES_* environment and its init
 * script, then password authentication for every TCP login as in the postgres image.
 * {@link #hosts()} maps each compose {@code host:port} to the loopback address serving it.
 */
final class LocalInfra implements AutoCloseable {
    private final List<AutoCloseable> started = new ArrayList<>();
    private final Map<String, String> hosts = new LinkedHashMap<>();
    private String adminJdbcUrl;
    private KraftCluster kafka;

    static LocalInfra start(ComposeFile compose, Map<String, String> variables, Path composeDir, Path dir)
            throws Exception {
        LocalInfra infra = new LocalInfra();
        try {
            infra.startKafka(compose, variables, dir.resolve("kafka"));
            infra.startRedis(compose, variables, dir.resolve("redis"));
            infra.startPostgres(compose, variables, composeDir, dir.resolve("postgres"));
            return infra;
        } catch (Exception | AssertionError e) {
            infra.close();
            throw e;
        }
    }

    /** compose {@code host:port} → {@code 127.0.0.1:port} of the local server. */
    Map<String, String> hosts() {
        return Map.copyOf(hosts);
    }

    /** A superuser connection string (the postgres image's POSTGRES_USER with its password). */
    String adminJdbcUrl() {
        return adminJdbcUrl;
    }

    /**
     * The brokers with the compose brokers' own settings (the image turns {@code KAFKA_FOO_BAR}
     * into {@code foo.bar}): their listeners by name, SASL, authorizer, super users, replication.
     * Only what a single host changes is this test's: node ids, quorum, addresses, log directories.
     */
    private void startKafka(ComposeFile compose, Map<String, String> variables, Path dir) {
        List<String> brokers =
                compose.servicesOfImage("apache/kafka").stream().sorted().toList();
        Map<String, String> env = compose.env(brokers.getFirst(), variables);
        String controller = env.get("KAFKA_CONTROLLER_LISTENER_NAMES");
        List<String> listeners = new ArrayList<>();
        for (String l : env.get("KAFKA_LISTENERS").split(",")) {
            String name = l.substring(0, l.indexOf("://"));
            if (!name.equals(controller)) listeners.add(name);
        }
        // The clients' listener first: the one whose port the Sluice services' SLUICE_KAFKA_BOOTSTRAP names.
        String someService = compose.sluiceServices().keySet().iterator().next();
        int clientPort = Address.parseAll(compose.env(someService, variables).get("SLUICE_KAFKA_BOOTSTRAP"))
                .getFirst()
                .port();
        String client = listeners.stream()
                .filter(l -> env.get("KAFKA_LISTENERS").contains(l + "://:" + clientPort))
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "no broker listener on port " + clientPort + ": " + env.get("KAFKA_LISTENERS")));
        listeners.remove(client);
        listeners.addFirst(client);
        KraftCluster kafka = KraftCluster.start(dir, listeners, brokerSettings(env));
        started.add(kafka);
        this.kafka = kafka;
        for (String listener : listeners) {
            String[] local = kafka.bootstrap(listener).split(",");
            if (brokers.size() != local.length)
                throw new AssertionError(
                        "compose runs " + brokers.size() + " brokers, the local cluster " + local.length);
            for (int i = 0; i < brokers.size(); i++) {
                String advertised = compose.env(brokers.get(i), variables).get("KAFKA_ADVERTISED_LISTENERS");
                Matcher m = Pattern.compile(listener + "://([\\w.-]+:\\d+)").matcher(advertised);
                if (!m.find())
                    throw new AssertionError(
                            brokers.get(i) + " advertises no " + listener + " listener: " + advertised);
                hosts.put(m.group(1), local[i]);
            }
        }
        // The Kubernetes manifests name one bootstrap Service in front of the brokers.
        hosts.put("kafka:9092", kafka.bootstrap().split(",")[0]);
    }

    /** {@code KAFKA_*} of a compose broker as broker properties, as the apache/kafka image converts them. */
    static Map<String, String> brokerSettings(Map<String, String> env) {
        Set<String> structural = Set.of(
                "node.id",
                "process.roles",
                "controller.quorum.voters",
                "listeners",
                "advertised.listeners",
                "log.dirs",
                "controller.listener.names");
        Map<String, String> out = new LinkedHashMap<>();
        env.forEach((k, v) -> {
            if (!k.startsWith("KAFKA_")) return;
            // ___ is a dash, __ an underscore, _ a dot.
            String property = String.join(
                    "_",
                    Arrays.stream(k.substring(6)
                                    .toLowerCase(Locale.ROOT)
                                    .replace("___", "-")
                                    .split("__"))
                            .map(part -> part.replace('_', '.'))
                            .toList());
            if (!structural.contains(property)) out.put(property, v);
        });
        return out;
    }

    /** The cluster, for clients of the test itself. */
    KraftCluster kafka() {
        return kafka;
    }

    private void startRedis(ComposeFile compose, Map<String, String> variables, Path dir) throws IOException {
        Files.createDirectories(dir);
        // A reserved port outside the ephemeral range, held while the server runs (a picked-and-closed one races).
        PortReservation reserved = LocalPorts.reserve();
        started.add(reserved);
        int port = reserved.port();
        List<String> command = compose.command("redis", variables);
        if (!command.getFirst().equals("redis-server")) throw new AssertionError("redis runs " + command);
        RedisServerBuilder builder =
                RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("dir " + dir);
        for (int i = 1; i < command.size(); i += 2) {
            builder.setting(command.get(i).replaceFirst("^--", "") + " " + command.get(i + 1));
        }
        RedisServer redis = builder.build();
        redis.start();
        started.add(redis::stop);
        hosts.put("redis:6379", "127.0.0.1:" + port);
    }

    private void startPostgres(ComposeFile compose, Map<String, String> variables, Path composeDir, Path dir)
            throws Exception {
        PortReservation reserved = LocalPorts.reserve();
        started.add(reserved);
        int port = reserved.port();
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dir)
                .setCleanDataDirectory(true)
                .setServerConfig("listen_addresses", "127.0.0.1");
        List<String> command = compose.command("postgres", variables);
        for (int i = 0; i < command.size(); i++) {
            if (command.get(i).equals("-c")) {
                String[] kv = command.get(++i).split("=", 2);
                builder.setServerConfig(kv[0], kv[1]);
            }
        }
        EmbeddedPostgres postgres = builder.start();
        started.add(postgres);
        Map<String, String> env = compose.env("postgres", variables);
        // The embedded server's superuser is postgres, as the compose file's POSTGRES_USER.
        if (!"postgres".equals(env.get("POSTGRES_USER")))
            throw new AssertionError("POSTGRES_USER is " + env.get("POSTGRES_USER"));
        String db = env.get("POSTGRES_DB");
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("ALTER ROLE postgres PASSWORD " + literal(env.get("POSTGRES_PASSWORD")));
            s.execute("CREATE DATABASE " + db);
        }
        try (Connection c = postgres.getDatabase("postgres", db).getConnection();
                Statement s = c.createStatement()) {
            for (Map.Entry<String, String> mount : compose.mounts("postgres").entrySet()) {
                if (mount.getValue().startsWith("/docker-entrypoint-initdb.d/")) {
                    s.execute(initSql(Files.readString(composeDir.resolve(mount.getKey())), env));
                }
            }
        }
        // As in the postgres image: every TCP login needs its password from now on.
        Files.writeString(
                dir.resolve("pg_hba.conf"),
                "local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n"
                        + "host replication all 127.0.0.1/32 scram-sha-256\n");
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("SELECT pg_reload_conf()");
        }
        hosts.put("postgres:5432", "127.0.0.1:" + port);
        adminJdbcUrl = "jdbc:postgresql://127.0.0.1:" + port + "/" + db + "?user=postgres&password="
                + env.get("POSTGRES_PASSWORD");
    }

    /**
     * The SQL of an init script's {@code psql ... -v name="$VAR" <<'SQL'} here-document, with
     * {@code :'name'} replaced by the quoted value, as psql does.
     */
    static String initSql(String script, Map<String, String> env) {
        Matcher doc = Pattern.compile("(?s)<<'SQL'\\n(.*?)\\nSQL\\n").matcher(script);
        if (!doc.find()) throw new AssertionError("init script has no <<'SQL' here-document:\n" + script);
        String sql = doc.group(1);
        Matcher var = Pattern.compile("-v (\\w+)=\"\\$(\\w+)\"").matcher(script);
        while (var.find()) {
            String value = env.get(var.group(2));
            if (value == null)
                throw new AssertionError(
                        "init script reads $" + var.group(2) + ", which the postgres service does not set");
            sql = sql.replace(":'" + var.group(1) + "'", literal(value));
        }
        return sql;
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception ignored) {
                // best effort on the way down
            }
        }
        started.clear();
    }
}
