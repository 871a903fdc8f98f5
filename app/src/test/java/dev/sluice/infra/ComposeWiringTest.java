package dev.sluice.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The compose deployment, checked without Docker: every address names a service that listens
 * there, every probe and scrape uses the application's port and paths, every role runs, and the
 * Kafka quorum and replication settings agree with each other.
 */
class ComposeWiringTest {
    private static final List<String> ADDRESS_KEYS =
            List.of("SLUICE_KAFKA_BOOTSTRAP", "SLUICE_REDIS_URL", "SLUICE_DB_URL", "SLUICE_ENGINE_URL");

    private final AppSettings app = AppSettings.load();
    private final ComposeFile compose = new ComposeFile();

    @Test
    void everySluiceAddressNamesADefinedServiceOnThePortItListensOn() {
        List<String> checked = new ArrayList<>();
        for (String name : compose.sluiceServices().keySet()) {
            Map<String, String> env = compose.env(name);
            for (String key : ADDRESS_KEYS) {
                if (!env.containsKey(key)) continue;
                for (Address a : Address.parseAll(env.get(key))) {
                    assertThat(compose.services)
                            .as("%s of %s names host %s", key, name, a.host())
                            .containsKey(a.host());
                    assertThat(listenPort(a.host()))
                            .as("%s of %s: port of %s", key, name, a.host())
                            .isEqualTo(a.port());
                    checked.add(key);
                }
            }
        }
        assertThat(checked).contains("SLUICE_KAFKA_BOOTSTRAP", "SLUICE_REDIS_URL", "SLUICE_DB_URL");
    }

    @Test
    void everyRoleRunsAndGatewaysAndTopologyRunTwice() {
        for (String role : app.roles()) {
            assertThat(compose.servicesWithRole(role).stream().filter(compose::alwaysOn))
                    .as("services running role " + role)
                    .isNotEmpty();
        }
        assertThat(compose.servicesWithRole("gateway")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(compose.servicesWithRole("topology")).hasSizeGreaterThanOrEqualTo(2);
        for (String name : compose.sluiceServices().keySet()) {
            assertThat(app.roles())
                    .as("roles of " + name)
                    .containsAll(compose.sluiceServices().get(name));
        }
    }

    @Test
    void topologyInstancesDoNotOutnumberPartitions() {
        for (String name : compose.servicesWithRole("topology")) {
            int partitions = Integer.parseInt(
                    compose.env(name).getOrDefault("SLUICE_KAFKA_PARTITIONS", String.valueOf(app.defaultPartitions())));
            assertThat(compose.servicesWithRole("topology").size())
                    .as("topology instances vs partitions of " + name)
                    .isLessThanOrEqualTo(partitions);
        }
    }

    @Test
    void sluiceServicesListenOnTheAppPortAndProbeReadinessOnTheManagementPort() {
        for (String name : compose.sluiceServices().keySet()) {
            assertThat(compose.env(name).get("SERVER_PORT"))
                    .as("SERVER_PORT of " + name)
                    .isEqualTo(String.valueOf(app.serverPort()));
            String management = compose.env(name).get("MANAGEMENT_SERVER_PORT");
            assertThat(management)
                    .as("MANAGEMENT_SERVER_PORT of " + name)
                    .isNotNull()
                    .isNotEqualTo(String.valueOf(app.serverPort()));
            assertThat(compose.healthcheck(name))
                    .as("healthcheck of " + name)
                    .contains("http://localhost:" + management + app.readinessPath());
        }
        assertThat(app.probesEnabled())
                .as("management.endpoint.health.probes.enabled")
                .isTrue();
    }

    @Test
    void everySluiceSettingOfEveryServiceIsAPropertyTheCodeReads() {
        SluiceProperties known = new SluiceProperties();
        for (String name : compose.sluiceServices().keySet()) {
            for (String key : compose.env(name).keySet()) {
                if (key.startsWith("SLUICE_"))
                    assertThat(known.known(key))
                            .as("%s of %s names a sluice.* property", key, name)
                            .isTrue();
            }
        }
    }

    @Test
    void kafkaQuorumHasThreeVotersMatchingTheBrokerServices() {
        List<String> brokers = compose.servicesOfImage("apache/kafka");
        assertThat(brokers).hasSize(3);
        TreeSet<String> expectedVoters = new TreeSet<>();
        String clusterId = null;
        for (String broker : brokers) {
            Map<String, String> env = compose.env(broker);
            expectedVoters.add(env.get("KAFKA_NODE_ID") + "@" + broker + ":" + controllerPort(env));
            assertThat(env.get("KAFKA_ADVERTISED_LISTENERS").split(","))
                    .as("advertised listeners of " + broker)
                    .contains("CLIENT://" + broker + ":" + listenPort(broker));
            if (clusterId == null) clusterId = env.get("CLUSTER_ID");
            assertThat(env.get("CLUSTER_ID"))
                    .as("CLUSTER_ID of " + broker)
                    .isNotBlank()
                    .isEqualTo(clusterId);
        }
        for (String broker : brokers) {
            assertThat(new TreeSet<>(Arrays.asList(compose.env(broker)
                            .get("KAFKA_CONTROLLER_QUORUM_VOTERS")
                            .split(","))))
                    .as("controller quorum voters of " + broker)
                    .isEqualTo(expectedVoters);
        }
    }

    @Test
    void replicationMatchesTheBrokerCountWithMinInSyncTwo() {
        List<String> brokers = compose.servicesOfImage("apache/kafka");
        for (String broker : brokers) {
            Map<String, String> env = compose.env(broker);
            assertThat(env)
                    .as("replication settings of " + broker)
                    .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2");
        }
        for (String name : compose.sluiceServices().keySet()) {
            assertThat(compose.env(name).get("SLUICE_KAFKA_REPLICATION"))
                    .as("SLUICE_KAFKA_REPLICATION of " + name)
                    .isEqualTo(String.valueOf(brokers.size()));
        }
    }

    @Test
    void postgresWritesLogicalWalForTheAuditStream() {
        assertThat(compose.command("postgres")).contains("wal_level=logical");
    }

    @Test
    void nginxBalancesExactlyTheGatewaysWithSseFriendlySettings() {
        String conf = Repo.read("infra/compose/nginx/nginx.conf");
        List<String> upstreams = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\s*server\\s+([\\w.-]+:\\d+)").matcher(conf);
        while (m.find()) upstreams.add(m.group(1));
        List<String> expected = compose.servicesWithRole("gateway").stream()
                .map(g -> g + ":" + app.serverPort())
                .toList();
        assertThat(upstreams).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(conf).contains("proxy_buffering off;", "proxy_http_version 1.1;", "keepalive ", "listen 443 ssl;");
        Matcher read = Pattern.compile("proxy_read_timeout (\\d+)s;").matcher(conf);
        assertThat(read.find()).as("proxy_read_timeout set").isTrue();
        assertThat(Long.parseLong(read.group(1)))
                .as("proxy_read_timeout vs the gateway idle timeout")
                .isGreaterThan(app.gatewayIdleTimeout().toSeconds());
        assertThat(compose.mounts("nginx")).containsEntry("./nginx/nginx.conf", "/etc/nginx/nginx.conf");
    }

    @Test
    void tlsCertificateNginxLoadsIsTheOneGenCertWrites() {
        String conf = Repo.read("infra/compose/nginx/nginx.conf");
        String script = Repo.read("infra/compose/gen-cert.sh");
        String certDir = compose.mounts("nginx").entrySet().stream()
                .filter(e -> e.getValue().equals("/etc/nginx/certs"))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new AssertionError("nginx mounts no /etc/nginx/certs"));
        Matcher m = Pattern.compile("ssl_certificate(?:_key)? /etc/nginx/certs/([\\w.-]+);")
                .matcher(conf);
        int found = 0;
        while (m.find()) {
            found++;
            assertThat(script)
                    .as("gen-cert.sh writes " + m.group(1))
                    .contains(certDir.replace("./", "") + "/" + m.group(1));
        }
        assertThat(found).isEqualTo(2);
        assertThat(Repo.read("infra/compose/.gitignore")).contains("certs/", "secrets/");
    }

    @Test
    void prometheusScrapesEverySluiceServiceOnTheMetricsPath() {
        assertThat(compose.mounts("prometheus")).containsEntry("./prometheus.yml", "/etc/prometheus/prometheus.yml");
        Map<String, Object> prom = Repo.yaml("infra/compose/prometheus.yml");
        List<String> targets = new ArrayList<>();
        for (Object job : Yamls.listAt(prom, "scrape_configs")) {
            Map<String, Object> j = Yamls.map(job, "scrape job");
            assertThat(Yamls.str(j, "metrics_path")).isEqualTo(app.prometheusPath());
            for (Object sc : Yamls.listAt(j, "static_configs")) {
                Yamls.listAt(Yamls.map(sc, "static_configs"), "targets").forEach(t -> targets.add(t.toString()));
            }
        }
        assertThat(app.exposedEndpoints()).contains("prometheus");
        for (String t : targets) {
            Address a = Address.parseAll(t).getFirst();
            assertThat(compose.sluiceServices()).as("scrape target " + t).containsKey(a.host());
            assertThat(String.valueOf(a.port()))
                    .as("port of scrape target " + t)
                    .isEqualTo(compose.env(a.host()).get("MANAGEMENT_SERVER_PORT"));
        }
        List<String> alwaysOn = compose.sluiceServices().keySet().stream()
                .filter(compose::alwaysOn)
                .map(s -> s + ":" + compose.env(s).get("MANAGEMENT_SERVER_PORT"))
                .toList();
        assertThat(targets).containsExactlyInAnyOrderElementsOf(alwaysOn);
    }

    @Test
    void grafanaLoadsTheRepositoryDashboardFromPrometheus() {
        Map<String, String> mounts = compose.mounts("grafana");
        assertThat(mounts).containsEntry("./grafana/provisioning", "/etc/grafana/provisioning");
        String dashboards = mounts.get("../grafana");
        assertThat(dashboards)
                .as("infra/grafana (sluice-dashboard.json) mounted")
                .isNotNull();
        Map<String, Object> provider = Yamls.map(
                Yamls.listAt(Repo.yaml("infra/compose/grafana/provisioning/dashboards/sluice.yml"), "providers")
                        .getFirst(),
                "provider");
        assertThat(Yamls.str(provider, "options.path")).isEqualTo(dashboards);
        Map<String, Object> ds = Yamls.map(
                Yamls.listAt(Repo.yaml("infra/compose/grafana/provisioning/datasources/prometheus.yml"), "datasources")
                        .getFirst(),
                "datasource");
        Address prometheus = Address.parseAll(Yamls.str(ds, "url")).getFirst();
        assertThat(prometheus).isEqualTo(new Address("prometheus", listenPort("prometheus")));
    }

    @Test
    void committedBindMountsExistAndTheImageCopiesTheJarTheBuildMakes() {
        for (String name : compose.services.keySet()) {
            for (String source : compose.mounts(name).keySet()) {
                boolean local =
                        source.startsWith("./") && !source.startsWith("./certs") && !source.startsWith("./secrets");
                if (local)
                    assertThat(Files.exists(Repo.path("infra/compose").resolve(source)))
                            .as(name + " mounts " + source)
                            .isTrue();
            }
        }
        String pom = Repo.read("app/pom.xml");
        String jar = "app/target/" + tag(pom, "finalName") + "-" + tag(pom, "classifier") + ".jar";
        assertThat(Repo.read("infra/docker/Dockerfile")).contains("COPY " + jar + " ");
        assertThat(Yamls.str(compose.service("gateway-1"), "build.dockerfile")).isEqualTo("infra/docker/Dockerfile");
    }

    @Test
    void noPasswordHasADefaultAndGenCertGeneratesEveryRequiredOne() {
        assertThat(compose.defaultedVariables().keySet())
                .as("variables with a default")
                .noneMatch(v -> v.contains("PASSWORD") || v.contains("SECRET"));
        assertThat(compose.requiredVariables())
                .contains(
                        "SLUICE_DB_PASSWORD",
                        "SLUICE_REDIS_PASSWORD",
                        "POSTGRES_ADMIN_PASSWORD",
                        "GRAFANA_ADMIN_PASSWORD");
        String script = Repo.read("infra/compose/gen-cert.sh");
        // Passwords are hex ($(pw)); the crypto master key is 32 random bytes in base64.
        for (String v : compose.requiredVariables()) {
            assertThat(script)
                    .as("gen-cert.sh writes " + v)
                    .containsAnyOf("echo \"" + v + "=$(pw)\"", "echo \"" + v + "=$(openssl rand -base64 32)\"");
        }
        assertThat(script).contains("umask 077", "chmod 600 .env", "chmod 600 secrets/jwt-private.pem");
        assertThat(Repo.read("infra/compose/.gitignore")).contains(".env");
    }

    @Test
    void gatewaysVerifyTokensWithTheGeneratedPublicKeyIssuerAndAudienceAndNoDevMode() {
        String script = Repo.read("infra/compose/gen-cert.sh");
        for (String name : compose.servicesWithRole("gateway")) {
            Map<String, String> env = compose.env(name);
            assertThat(env)
                    .as("auth of " + name)
                    .containsKeys("SLUICE_AUTH_PUBLIC_KEY", "SLUICE_AUTH_ISSUER", "SLUICE_AUTH_AUDIENCE");
            String source = compose.mounts(name).entrySet().stream()
                    .filter(e -> e.getValue().equals(env.get("SLUICE_AUTH_PUBLIC_KEY")))
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(name + " does not mount its SLUICE_AUTH_PUBLIC_KEY"));
            assertThat(script).as("gen-cert.sh writes " + source).contains("-out " + source.replace("./", ""));
        }
        for (String name : compose.services.keySet()) {
            assertThat(compose.env(name)).as(name).doesNotContainKeys("SLUICE_DEV_ENABLED", "SLUICE_AUTH_HS256_SECRET");
            assertThat(compose.mounts(name).keySet()).as("mounts of " + name).noneMatch(m -> m.contains("private"));
        }
    }

    @Test
    void redisNeedsThePasswordSluiceSendsAndTheDatabaseUserIsNotTheSuperuser() {
        List<String> redis = compose.command("redis");
        String password = redis.get(redis.indexOf("--requirepass") + 1);
        for (String name : compose.sluiceServices().keySet()) {
            assertThat(compose.env(name).get("SLUICE_REDIS_URL"))
                    .as("redis URL of " + name)
                    .startsWith("redis://:" + password + "@");
            assertThat(compose.env(name).get("SLUICE_DB_URL")).contains("user=sluice");
        }
        assertThat(compose.env("postgres").get("POSTGRES_USER")).isNotEqualTo("sluice");
        assertThat(Repo.read("infra/compose/postgres/sluice-role.sh"))
                .contains("CREATE ROLE sluice LOGIN REPLICATION NOSUPERUSER");
    }

    @Test
    void monitoringIsSignedInOrLocalAndTheTlsEdgeSendsHsts() {
        assertThat(compose.env("grafana"))
                .containsEntry("GF_AUTH_ANONYMOUS_ENABLED", "false")
                .containsKey("GF_SECURITY_ADMIN_PASSWORD");
        for (String name : List.of("prometheus", "grafana")) {
            assertThat(Yamls.listAt(compose.service(name), "ports"))
                    .as("published ports of " + name)
                    .allMatch(p -> p.toString().startsWith("127.0.0.1:"));
        }
        assertThat(Repo.read("infra/compose/nginx/nginx.conf"))
                .contains("add_header Strict-Transport-Security \"max-age=31536000\" always;");
    }

    /** The port a compose service accepts connections on, from its own settings. */
    private int listenPort(String service) {
        Map<String, String> env = compose.env(service);
        List<String> cmd = compose.command(service);
        String image = String.valueOf(compose.service(service).get("image"));
        if (env.containsKey("KAFKA_LISTENERS")) return portOfListener(env.get("KAFKA_LISTENERS"), "CLIENT");
        if (env.containsKey("SLUICE_ROLES")) return Integer.parseInt(env.get("SERVER_PORT"));
        int flag = cmd.indexOf("--port");
        if (flag >= 0) return Integer.parseInt(cmd.get(flag + 1));
        if (image.startsWith("redis")) return 6379;
        if (image.startsWith("postgres")) return 5432;
        if (image.startsWith("prom/prometheus")) return 9090;
        throw new AssertionError("no known port for service " + service + " (" + image + ")");
    }

    private static int controllerPort(Map<String, String> env) {
        return portOfListener(env.get("KAFKA_LISTENERS"), env.get("KAFKA_CONTROLLER_LISTENER_NAMES"));
    }

    private static int portOfListener(String listeners, String name) {
        for (String l : listeners.split(",")) {
            if (l.startsWith(name + "://")) return Integer.parseInt(l.substring(l.lastIndexOf(':') + 1));
        }
        throw new AssertionError("no " + name + " listener in " + listeners);
    }

    private static String tag(String xml, String tag) {
        Matcher m = Pattern.compile("<" + tag + ">([^<]+)</" + tag + ">").matcher(xml);
        if (!m.find()) throw new AssertionError("no <" + tag + "> in app/pom.xml");
        return m.group(1);
    }
}
