package dev.sluice.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.app.kafka.KafkaAccess;
import dev.sluice.app.kafka.KafkaSetupCommand;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Kafka authentication and authorization as the deployment files wire it: every broker listener
 * authenticates, only the brokers are super users, every Sluice service signs in as its role's
 * user with its role's generated password, and only the setup step holds the super user's.
 */
class KafkaSecurityWiringTest {
    private final ComposeFile compose = new ComposeFile();
    private final K8sManifests k8s = new K8sManifests();

    @Test
    void composeBrokersAuthenticateEveryListenerAndDenyWhatNoAclAllows() {
        for (String broker : compose.servicesOfImage("apache/kafka")) {
            Map<String, String> env = compose.env(broker);
            for (String mapping :
                    env.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").split(",")) {
                assertThat(mapping.split(":")[1])
                        .as("protocol of listener %s on %s", mapping, broker)
                        .startsWith("SASL_");
            }
            assertThat(env)
                    .containsEntry(
                            "KAFKA_AUTHORIZER_CLASS_NAME", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                    .containsEntry("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false")
                    .containsEntry("KAFKA_SUPER_USERS", "User:kafka")
                    // The clients' listener takes SCRAM only: no PLAIN password check for role users.
                    .containsEntry("KAFKA_LISTENER_NAME_CLIENT_SASL_ENABLED_MECHANISMS", "SCRAM-SHA-512");
        }
    }

    @Test
    void everyComposeServiceSignsInAsItsRoleWithItsOwnGeneratedPassword() {
        List<String> passwordVariables = new ArrayList<>();
        for (String name : compose.sluiceServices().keySet()) {
            String role = compose.sluiceServices().get(name).getFirst();
            Map<String, String> env = compose.env(name);
            assertThat(compose.sluiceServices().get(name))
                    .as("roles of " + name)
                    .hasSize(1);
            assertThat(env)
                    .as(name)
                    .containsEntry("SLUICE_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
                    .containsEntry("SLUICE_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
                    .containsEntry("SLUICE_KAFKA_USERNAME", KafkaAccess.user(role))
                    .containsEntry("SLUICE_KAFKA_CREATE_TOPICS", "false");
            String variable = KafkaSetupCommand.passwordVariable(role);
            assertThat(raw(name, "SLUICE_KAFKA_PASSWORD"))
                    .as("password of " + name)
                    .isEqualTo("${" + variable + ":?run infra/compose/gen-cert.sh first}");
            assertThat(Yamls.mapAt(compose.service(name), "depends_on.kafka-setup"))
                    .as(name + " waits for kafka-setup")
                    .containsEntry("condition", "service_completed_successfully");
            assertThat(env.values())
                    .as("%s holds no broker password", name)
                    .doesNotContain(placeholder("KAFKA_BROKER_PASSWORD"));
            passwordVariables.add(variable);
        }
        assertThat(compose.requiredVariables()).containsAll(passwordVariables).contains("KAFKA_BROKER_PASSWORD");
    }

    @Test
    void composeSetupSignsInAsTheBrokersSuperUserAndSetsEveryRolesPassword() {
        Map<String, String> env = compose.env("kafka-setup");
        assertThat(compose.command("kafka-setup")).containsExactly("kafka-setup");
        Map<String, String> broker =
                compose.env(compose.servicesOfImage("apache/kafka").getFirst());
        assertThat(broker.get("KAFKA_SUPER_USERS")).isEqualTo("User:" + env.get("SLUICE_KAFKA_USERNAME"));
        assertThat(env.get("SLUICE_KAFKA_PASSWORD")).isEqualTo(placeholder("KAFKA_BROKER_PASSWORD"));
        // Its bootstrap is the brokers' own listener, whose mechanism it uses.
        int port =
                Address.parseAll(env.get("SLUICE_KAFKA_BOOTSTRAP")).getFirst().port();
        String listener = Arrays.stream(broker.get("KAFKA_LISTENERS").split(","))
                .filter(l -> l.endsWith(":" + port))
                .findFirst()
                .orElseThrow();
        String name = listener.substring(0, listener.indexOf("://"));
        assertThat(broker)
                .containsEntry(
                        "KAFKA_LISTENER_NAME_" + name + "_SASL_ENABLED_MECHANISMS",
                        env.get("SLUICE_KAFKA_SASL_MECHANISM"));
        for (String role : KafkaAccess.ROLES) {
            String variable = KafkaSetupCommand.passwordVariable(role);
            assertThat(raw("kafka-setup", variable))
                    .isEqualTo("${" + variable + ":?run infra/compose/gen-cert.sh first}");
        }
    }

    @Test
    void kubernetesRolesSignInWithTheirSecretAndOnlyTheJobHoldsTheSuperUser() {
        String script = Repo.read(K8sManifests.DIR + "/create-secrets.sh");
        Map<String, Object> config =
                Yamls.mapAt(k8s.find("ConfigMap", "sluice-config").orElseThrow(), "data");
        assertThat(config)
                .containsEntry("SLUICE_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
                .containsEntry("SLUICE_KAFKA_CREATE_TOPICS", "false");
        for (Map<String, Object> w : k8s.ofKind(K8sManifests.WORKLOAD_KINDS.toArray(String[]::new))) {
            Map<String, Object> c = K8sManifests.container(w);
            String role = K8sManifests.env(c).get("SLUICE_ROLES");
            assertThat(K8sManifests.env(c)).containsEntry("SLUICE_KAFKA_USERNAME", KafkaAccess.user(role));
            assertThat(secretRef(c, "SLUICE_KAFKA_PASSWORD")).isEqualTo("sluice-secrets/kafka-" + role + "-password");
            assertThat(script).contains("--from-file=kafka-" + role + "-password=");
            assertThat(String.valueOf(c)).as(K8sManifests.name(w)).doesNotContain("sluice-kafka-admin");
        }
        Map<String, Object> job = k8s.find("Job", "sluice-kafka-setup").orElseThrow();
        Map<String, Object> c = K8sManifests.container(job);
        assertThat(Yamls.listAt(c, "args")).containsExactly("kafka-setup");
        assertThat(secretRef(c, "SLUICE_KAFKA_USERNAME")).isEqualTo("sluice-kafka-admin/kafka-admin-username");
        assertThat(secretRef(c, "SLUICE_KAFKA_PASSWORD")).isEqualTo("sluice-kafka-admin/kafka-admin-password");
        for (String role : KafkaAccess.ROLES) {
            assertThat(secretRef(c, KafkaSetupCommand.passwordVariable(role)))
                    .isEqualTo("sluice-secrets/kafka-" + role + "-password");
        }
        assertThat(script).contains("create secret generic sluice-kafka-admin", "openssl rand -hex 24", "chmod 600");
    }

    /** The value as written in the file, before compose fills in variables. */
    private String raw(String service, String key) {
        return String.valueOf(
                Yamls.mapAt(compose.service(service), "environment").get(key));
    }

    private static String placeholder(String variable) {
        return "placeholder" + variable.toLowerCase(java.util.Locale.ROOT).replace("_", "");
    }

    private static String secretRef(Map<String, Object> container, String name) {
        for (Object e : Yamls.listAt(container, "env")) {
            Map<String, Object> entry = Yamls.map(e, "env entry");
            if (name.equals(entry.get("name"))) {
                return Yamls.str(entry, "valueFrom.secretKeyRef.name") + "/"
                        + Yamls.str(entry, "valueFrom.secretKeyRef.key");
            }
        }
        throw new AssertionError("no env " + name);
    }
}
