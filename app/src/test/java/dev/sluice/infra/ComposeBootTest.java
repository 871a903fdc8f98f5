package dev.sluice.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.app.cli.TokenCommand;
import dev.sluice.app.kafka.KafkaAccess;
import dev.sluice.app.kafka.KafkaSetupCommand;
import dev.sluice.it.Models;
import dev.sluice.schemas.kafka.KafkaSecurity;
import dev.sluice.schemas.serde.Json;
import dev.sluice.schemas.topic.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The deployments, started: every always-on Sluice service of infra/compose as a local process
 * with the compose file's command and environment, against real KRaft brokers, Redis and
 * PostgreSQL configured from the same file, with the secrets gen-cert.sh generates. A chat goes
 * in through one gateway with a token from {@code sluice token --private-key}, is read back from
 * history through the other, and its audit record arrives from Debezium, which logs in as the
 * compose file's non-superuser. Then every Kubernetes role starts with the manifests' environment
 * and the secrets create-secrets.sh generates. Wiring that parses but does not start fails here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComposeBootTest {
    private static final Duration START = Duration.ofMinutes(5);
    private static final Duration SETTLE = Duration.ofMinutes(2);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Path dir;
    private final ComposeFile compose = new ComposeFile();
    private final AppSettings app = AppSettings.load();
    private Path composeDir;
    private Map<String, String> variables;
    private LocalInfra infra;

    @BeforeAll
    void startInfrastructure(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        composeDir = dir.resolve("compose");
        DeploymentFiles.copyWithoutSecrets(Repo.path("infra/compose"), composeDir);
        DeploymentFiles.runScript(composeDir, List.of("bash", "gen-cert.sh"), Map.of());
        variables = DeploymentFiles.dotEnv(composeDir.resolve(".env"));
        variables.put(
                "SLUICE_MODELS_DIR",
                Models.require("stories260K.gguf").getParent().toString());
        infra = LocalInfra.start(compose, variables, composeDir, dir.resolve("infra"));
        // The one-shot service every Sluice service waits for: topics, role users, ACLs.
        try (LocalDeployment setup = new LocalDeployment(infra.hosts(), dir.resolve("kafka-setup"))) {
            ServiceProcess p = setup.start(
                    "kafka-setup",
                    compose.command("kafka-setup", variables),
                    compose.env("kafka-setup", variables),
                    Map.of());
            assertThat(p.awaitExit(START)).as(p.tail()).isZero();
        }
    }

    @AfterAll
    void stopInfrastructure() {
        if (infra != null) infra.close();
    }

    @Test
    void genCertWritesEveryRequiredSecretPrivately() throws Exception {
        assertThat(variables).containsKeys(compose.requiredVariables().toArray(String[]::new));
        for (String file : List.of(".env", "secrets/jwt-private.pem", "certs/sluice.key")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(composeDir.resolve(file))))
                    .as(file)
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void composeServicesAnswerAChatReadItBackFromHistoryAndAuditIt() throws Exception {
        try (LocalDeployment deployment = new LocalDeployment(infra.hosts(), dir.resolve("compose-services"))) {
            Map<String, ServiceProcess> services = new LinkedHashMap<>();
            for (String name : compose.sluiceServices().keySet()) {
                if (compose.alwaysOn(name))
                    services.put(name, deployment.start(name, compose.env(name, variables), mounts(name)));
            }
            // The gateway as it was before it had a key, and with dev mode switched on: both must refuse to start,
            // saying what to set.
            String firstGateway = compose.servicesWithRole("gateway").getFirst();
            Map<String, String> keyless = new LinkedHashMap<>(compose.env(firstGateway, variables));
            keyless.keySet().removeIf(k -> k.startsWith("SLUICE_AUTH_"));
            ServiceProcess noKey = deployment.start("gateway-without-key", keyless, mounts(firstGateway));
            Map<String, String> devMode = new LinkedHashMap<>(compose.env(firstGateway, variables));
            devMode.put("SLUICE_DEV_ENABLED", "true");
            ServiceProcess dev = deployment.start("gateway-dev-mode", devMode, mounts(firstGateway));
            for (String name : services.keySet()) {
                URI probe = URI.create(compose.healthcheck(name).stream()
                        .filter(w -> w.startsWith("http://"))
                        .findFirst()
                        .orElseThrow());
                // The healthcheck names the management port: the probe goes where the service moved it.
                boolean management =
                        String.valueOf(probe.getPort()).equals(compose.env(name).get("MANAGEMENT_SERVER_PORT"));
                ServiceProcess s = services.get(name);
                s.awaitReady(management ? s.managementUrl() : s.baseUrl(), probe.getPath(), START);
            }
            assertThat(noKey.awaitExit(START)).isNotZero();
            assertThat(noKey.output())
                    .contains(
                            "No JWT verification key is configured", "SLUICE_AUTH_PUBLIC_KEY", "SLUICE_AUTH_JWKS_URI");
            assertThat(dev.awaitExit(START)).isNotZero();
            assertThat(dev.output()).contains("is refused by `serve`");
            assertThat(dir.resolve("compose-services/gateway-dev-mode/data/dev-jwt-secret"))
                    .doesNotExist();

            List<String> gateways = compose.servicesWithRole("gateway");
            ServiceProcess in = services.get(gateways.get(0));
            ServiceProcess out = services.get(gateways.get(gateways.size() - 1));
            Map<String, String> auth = compose.env(gateways.get(0), variables);
            String token = token("alice", auth.get("SLUICE_AUTH_ISSUER"), auth.get("SLUICE_AUTH_AUDIENCE"));

            // Served gateways have no dev mode: no /dev/token, no dev key written, foreign tokens refused.
            assertThat(get(in, "/dev/token?user=mallory", null).statusCode()).isEqualTo(404);
            assertThat(get(in, "/v1/models", token("alice", auth.get("SLUICE_AUTH_ISSUER"), "another-service"))
                            .statusCode())
                    .isEqualTo(401);
            assertThat(Files.exists(dir.resolve("compose-services")
                            .resolve(gateways.get(0))
                            .resolve("data/dev-jwt-secret")))
                    .isFalse();

            // Metrics are on the management port only; the API port (what nginx forwards) has no /actuator.
            assertThat(get(in, app.prometheusPath(), null).statusCode()).isEqualTo(404);
            HttpResponse<String> metrics = management(in, app.prometheusPath());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("# TYPE jvm_");
            aclsHold(gateways.get(0));

            String model = awaitModel(in, token);
            // Overall health includes the model indicator: UP now that a worker announced one.
            assertThat(management(in, app.actuatorBase() + "/health").statusCode())
                    .isEqualTo(200);
            AuditTrail.awaitSlotActive(infra.adminJdbcUrl(), START);
            HttpResponse<String> chat = post(
                    in,
                    "/v1/chat/completions",
                    token,
                    "{\"model\":\"" + model
                            + "\",\"stream\":false,\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"Once upon a time\"}]}");
            assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
            String conversation = chat.headers().firstValue("X-Conversation-Id").orElseThrow();
            String answer = Json.MAPPER
                    .readTree(chat.body())
                    .path("choices")
                    .path(0)
                    .path("message")
                    .path("content")
                    .asString();

            JsonNode history = awaitHistory(out, token, conversation);
            assertThat(history.path("messages").path(0).path("content").asString())
                    .isEqualTo("Once upon a time");
            assertThat(history.path("messages").path(1).path("content").asString())
                    .isEqualTo(answer);
            assertThat(get(
                                    out,
                                    "/v1/conversations/" + conversation,
                                    token("bob", auth.get("SLUICE_AUTH_ISSUER"), auth.get("SLUICE_AUTH_AUDIENCE")))
                            .statusCode())
                    .as("another user's conversation")
                    .isEqualTo(404);

            List<String> audit = AuditTrail.recordsOf(conversation, auditor(), SETTLE);
            assertThat(audit)
                    .anyMatch(r -> r.contains("\"table\":\"conversations\"") && r.contains("\"user_id\":\"alice\""));
            assertThat(audit).as("audit records carry no message text").noneMatch(r -> r.contains("Once upon a time"));
            // The image has no npm folder: the default (ffm) engine runs llama.cpp extracted from the jar into the data
            // directory.
            for (String worker : compose.servicesWithRole("worker")) {
                if (services.containsKey(worker)) {
                    assertThat(services.get(worker).output())
                            .containsPattern("llama.cpp loaded from \\S*" + worker + "/data/native/llama-v0\\.4\\.0");
                }
            }
            services.values()
                    .forEach(s ->
                            assertThat(s.alive()).as(s.name + " still running").isTrue());
        }
    }

    @Test
    void everyKubernetesRoleStartsWithTheManifestsEnvironment() throws Exception {
        K8sManifests k8s = new K8sManifests();
        Path secretsDir = dir.resolve("k8s-secrets");
        // The local cluster's super user stands in for the operator's. The roles keep the compose
        // test's passwords (the script's SLUICE_KAFKA_<ROLE>_PASSWORD), so the Job's upsert changes
        // nothing the other test relies on, whichever runs first.
        Map<String, String> admin = compose.env("kafka-setup", variables);
        Map<String, String> scriptEnv = new LinkedHashMap<>(Map.of(
                "SLUICE_SECRETS_DIR", secretsDir.toString(),
                "SLUICE_DB_PASSWORD", variables.get("SLUICE_DB_PASSWORD"),
                "SLUICE_REDIS_PASSWORD", variables.get("SLUICE_REDIS_PASSWORD"),
                "SLUICE_KAFKA_ADMIN_USERNAME", admin.get("SLUICE_KAFKA_USERNAME"),
                "SLUICE_KAFKA_ADMIN_PASSWORD", admin.get("SLUICE_KAFKA_PASSWORD")));
        for (String role : KafkaAccess.ROLES)
            scriptEnv.put(
                    KafkaSetupCommand.passwordVariable(role), admin.get(KafkaSetupCommand.passwordVariable(role)));
        DeploymentFiles.runScript(
                Repo.path(K8sManifests.DIR), List.of("bash", "create-secrets.sh", "--no-apply"), scriptEnv);
        KubernetesEnvironment env = new KubernetesEnvironment(
                k8s, secretsDir, Models.require("stories260K.gguf").getParent());
        try (LocalDeployment deployment = new LocalDeployment(infra.hosts(), dir.resolve("k8s-pods"))) {
            // The kafka-setup Job with its env and the Secrets' passwords; only where and how the super user signs in
            // is the local cluster's.
            Map<String, Object> job = k8s.ofKind("Job").getFirst();
            Map<String, String> jobEnv = new LinkedHashMap<>(env.of(job));
            jobEnv.put("SLUICE_KAFKA_BOOTSTRAP", admin.get("SLUICE_KAFKA_BOOTSTRAP"));
            jobEnv.put("SLUICE_KAFKA_SASL_MECHANISM", admin.get("SLUICE_KAFKA_SASL_MECHANISM"));
            ServiceProcess setup = deployment.start(
                    "kafka-setup",
                    Yamls.listAt(K8sManifests.container(job), "args").stream()
                            .map(String::valueOf)
                            .toList(),
                    jobEnv,
                    Map.of());
            assertThat(setup.awaitExit(START)).as(setup.tail()).isZero();
            Map<String, ServiceProcess> pods = new LinkedHashMap<>();
            Map<String, String> probes = new LinkedHashMap<>();
            EgressPolicies egress = new EgressPolicies(k8s);
            for (Map<String, Object> workload : k8s.ofKind(K8sManifests.WORKLOAD_KINDS.toArray(String[]::new))) {
                String name = K8sManifests.name(workload);
                // Each pod resolves only the Services its egress policy lets it reach: a role that needs more fails
                // here.
                Set<String> allowed = egress.reachable(workload);
                Map<String, String> reachable = new LinkedHashMap<>(infra.hosts());
                reachable.keySet().removeIf(h -> !allowed.contains(h.substring(0, h.indexOf(':'))));
                pods.put(
                        name,
                        deployment.start(
                                name,
                                List.of(),
                                env.of(workload),
                                env.mounts(workload, dir.resolve("k8s-pods").resolve(name)),
                                reachable));
                probes.put(name, Yamls.str(K8sManifests.container(workload), "readinessProbe.httpGet.path"));
                assertThat(Yamls.str(K8sManifests.container(workload), "readinessProbe.httpGet.port"))
                        .isEqualTo("management");
            }
            for (String name : pods.keySet())
                pods.get(name).awaitReady(pods.get(name).managementUrl(), probes.get(name), START);
            ServiceProcess gateway = pods.get("sluice-gateway");
            Map<String, String> auth = env.of(k8s.workloadsWithRole("gateway").getFirst());
            String token = token(
                    "alice",
                    auth.get("SLUICE_AUTH_ISSUER"),
                    auth.get("SLUICE_AUTH_AUDIENCE"),
                    secretsDir.resolve("jwt-private.pem"));
            awaitModel(gateway, token);
            assertThat(get(gateway, "/dev/token?user=mallory", null).statusCode())
                    .isEqualTo(404);
            assertThat(get(gateway, app.prometheusPath(), null).statusCode())
                    .as("metrics on the API port")
                    .isEqualTo(404);
        }
    }

    /** What a gateway's Kafka user may not do, and that the brokers take no one without a password. */
    private void aclsHold(String gateway) {
        Map<String, String> env = compose.env(gateway, variables);
        KafkaAclChecks kafka = new KafkaAclChecks(infra.hosts()
                .get(Address.parseAll(env.get("SLUICE_KAFKA_BOOTSTRAP"))
                        .getFirst()
                        .toString()));
        KafkaSecurity gatewayUser = KafkaSecurity.of(
                env.get("SLUICE_KAFKA_SECURITY_PROTOCOL"),
                env.get("SLUICE_KAFKA_SASL_MECHANISM"),
                env.get("SLUICE_KAFKA_USERNAME"),
                env.get("SLUICE_KAFKA_PASSWORD"));
        kafka.cannotRead(gatewayUser, Topics.CHAT_PROMPTS.name());
        kafka.cannotRead(gatewayUser, Topics.CHAT_REQUESTS.name());
        kafka.cannotWrite(gatewayUser, Topics.CHAT_PROMPTS.name());
        kafka.cannotWrite(gatewayUser, Topics.AUDIT.name());
        kafka.refusesWrongPassword(KafkaSecurity.of(
                gatewayUser.protocol(),
                gatewayUser.mechanism(),
                gatewayUser.username(),
                "not-" + gatewayUser.password()));
        kafka.refusesAnonymous();
    }

    /** No role reads the audit trail: an auditor signs in as the operator, the brokers' user kafka-setup uses. */
    private Properties auditor() {
        Map<String, String> env = compose.env("kafka-setup", variables);
        return KafkaAclChecks.client(
                infra.hosts()
                        .get(Address.parseAll(env.get("SLUICE_KAFKA_BOOTSTRAP"))
                                .getFirst()
                                .toString()),
                KafkaSecurity.of(
                        env.get("SLUICE_KAFKA_SECURITY_PROTOCOL"),
                        env.get("SLUICE_KAFKA_SASL_MECHANISM"),
                        env.get("SLUICE_KAFKA_USERNAME"),
                        env.get("SLUICE_KAFKA_PASSWORD")));
    }

    private Map<String, Path> mounts(String service) {
        Map<String, Path> out = new LinkedHashMap<>();
        compose.mounts(service, variables).forEach((source, target) -> {
            // Named volumes are the container's own disk: the data directory LocalDeployment gives each service.
            if (source.startsWith(".") || source.startsWith("/"))
                out.put(target, composeDir.resolve(source).normalize());
        });
        return out;
    }

    private String token(String user, String issuer, String audience) throws Exception {
        return token(user, issuer, audience, composeDir.resolve("secrets/jwt-private.pem"));
    }

    /** What an operator runs: {@code sluice token USER --private-key ... --issuer ... --audience ...}. */
    private static String token(String user, String issuer, String audience, Path privateKey) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TokenCommand.run(
                new String[] {user, "--private-key", privateKey.toString(), "--issuer", issuer, "--audience", audience},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    private String awaitModel(ServiceProcess gateway, String token) throws Exception {
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> models = get(gateway, "/v1/models", token);
            assertThat(models.statusCode()).as(models.body()).isEqualTo(200);
            JsonNode data = Json.MAPPER.readTree(models.body()).path("data");
            if (!data.isEmpty()) return data.path(0).path("id").asString();
            TimeUnit.MILLISECONDS.sleep(500);
        }
        throw new AssertionError("no model announced within " + START.toSeconds() + " s");
    }

    private JsonNode awaitHistory(ServiceProcess gateway, String token, String conversation) throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = get(gateway, "/v1/conversations/" + conversation, token);
            last = r.statusCode() + " " + r.body();
            if (r.statusCode() == 200) {
                JsonNode body = Json.MAPPER.readTree(r.body());
                if (body.path("messages").size() >= 2) return body;
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        throw new AssertionError(
                "conversation " + conversation + " not in history within " + SETTLE.toSeconds() + " s; last: " + last);
    }

    private static HttpResponse<String> get(ServiceProcess s, String path, String token) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(s.baseUrl() + path)).timeout(Duration.ofSeconds(30));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> management(ServiceProcess s, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(s.managementUrl() + path))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(ServiceProcess s, String path, String token, String json)
            throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(s.baseUrl() + path))
                .timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
    }
}
