package dev.sluice.app.kafka;

import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.schemas.kafka.KafkaSecurity;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * {@code sluice kafka-setup}: creates the topics, the role users and their ACLs (see
 * {@link KafkaSetup}). Configured like {@code serve}, from {@code SLUICE_*} environment
 * variables: the cluster ({@code SLUICE_KAFKA_BOOTSTRAP}, {@code SLUICE_KAFKA_REPLICATION},
 * {@code SLUICE_KAFKA_PARTITIONS}), the identity it signs in with ({@code SLUICE_KAFKA_SECURITY_PROTOCOL},
 * {@code SLUICE_KAFKA_SASL_MECHANISM}, {@code SLUICE_KAFKA_USERNAME}, {@code SLUICE_KAFKA_PASSWORD}:
 * a super user), and each role's password ({@code SLUICE_KAFKA_GATEWAY_PASSWORD},
 * {@code SLUICE_KAFKA_TOPOLOGY_PASSWORD}, {@code SLUICE_KAFKA_WORKER_PASSWORD},
 * {@code SLUICE_KAFKA_PERSISTENCE_PASSWORD}). No password has a default.
 */
public final class KafkaSetupCommand {

    public static int run(Function<String, @Nullable String> env, PrintStream out, PrintStream err) {
        String bootstrap = env.apply("SLUICE_KAFKA_BOOTSTRAP");
        if (bootstrap == null || bootstrap.isBlank()) {
            err.println("sluice kafka-setup: set SLUICE_KAFKA_BOOTSTRAP to the brokers (host:port,...)");
            return 2;
        }
        Map<String, String> passwords = new LinkedHashMap<>();
        for (String role : KafkaAccess.ROLES) {
            String name = passwordVariable(role);
            String pw = env.apply(name);
            if (pw == null || pw.isEmpty()) {
                err.println("sluice kafka-setup: " + name + " is not set (the password of Kafka user "
                        + KafkaAccess.user(role) + ")");
                return 2;
            }
            passwords.put(role, pw);
        }
        try {
            KafkaClients.useSecurity(KafkaSecurity.of(
                    env.apply("SLUICE_KAFKA_SECURITY_PROTOCOL"),
                    env.apply("SLUICE_KAFKA_SASL_MECHANISM"),
                    env.apply("SLUICE_KAFKA_USERNAME"),
                    env.apply("SLUICE_KAFKA_PASSWORD")));
            KafkaAccess access = new KafkaAccess(
                    or(
                            env.apply("SLUICE_TOPOLOGY_APPLICATION_ID"),
                            KafkaAccess.defaults().topologyApplicationId()),
                    KafkaAccess.defaults().workerGroup(),
                    or(
                            env.apply("SLUICE_PERSISTENCE_GROUP"),
                            KafkaAccess.defaults().historyGroup()),
                    or(
                            env.apply("SLUICE_PERSISTENCE_CACHE_GROUP"),
                            KafkaAccess.defaults().cacheGroup()));
            KafkaSetup.Report report = new KafkaSetup(bootstrap, access)
                    .apply(
                            Short.parseShort(or(env.apply("SLUICE_KAFKA_REPLICATION"), "1")),
                            Integer.parseInt(or(env.apply("SLUICE_KAFKA_PARTITIONS"), "6")),
                            passwords);
            out.println("kafka-setup on " + bootstrap + " as " + KafkaClients.security() + ": topics created "
                    + report.createdTopics() + ", users " + report.users() + " (SCRAM-SHA-512), " + report.aclsAdded()
                    + " ACLs in place, " + report.aclsRemoved() + " stale removed");
            return 0;
        } catch (Exception e) {
            err.println("sluice kafka-setup: " + describe(e));
            return 1;
        }
    }

    /** {@code SLUICE_KAFKA_GATEWAY_PASSWORD} and so on. */
    public static String passwordVariable(String role) {
        return "SLUICE_KAFKA_" + role.toUpperCase(Locale.ROOT) + "_PASSWORD";
    }

    private static String or(@Nullable String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String describe(Throwable e) {
        String found = e.toString();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) found = t.getMessage();
        }
        return found;
    }

    private KafkaSetupCommand() {}
}
