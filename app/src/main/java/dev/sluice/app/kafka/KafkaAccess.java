package dev.sluice.app.kafka;

import dev.sluice.bridge.route.StreamRouter;
import dev.sluice.gateway.ratelimit.UsageMeter;
import dev.sluice.persistence.cdc.CdcSettings;
import dev.sluice.schemas.topic.TopicSpec;
import dev.sluice.schemas.topic.Topics;
import dev.sluice.worker.loop.WorkerLoop;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * One Kafka user per role and exactly the ACLs its code needs, read off the data flow
 * (docs/security.md has the table): a gateway that is taken over can publish requests and read
 * streams, but cannot read the raw requests, write prompts, or touch the audit trail. The
 * brokers deny whatever is not here ({@code allow.everyone.if.no.acl.found=false}).
 *
 * @param topologyApplicationId the Streams application id: its consumer group and the prefix of its internal topics
 */
public record KafkaAccess(String topologyApplicationId, String workerGroup, String historyGroup, String cacheGroup) {
    /** Roles in the order the setup reports them. */
    public static final List<String> ROLES = List.of("gateway", "topology", "worker", "persistence");

    public static KafkaAccess defaults() {
        return new KafkaAccess("sluice-topology", WorkerLoop.GROUP, "sluice-persistence", "sluice-response-cache");
    }

    /** The Kafka user name of a role's processes ({@code SLUICE_KAFKA_USERNAME}). */
    public static String user(String role) {
        if (!ROLES.contains(role))
            throw new IllegalArgumentException("no Kafka user for role " + role + "; roles are " + ROLES);
        return "sluice-" + role;
    }

    /** Every role's ACLs, by role. */
    public Map<String, List<AclBinding>> bindings() {
        Map<String, List<AclBinding>> out = new LinkedHashMap<>();
        for (String role : ROLES) out.put(role, bindings(role));
        return out;
    }

    public List<AclBinding> bindings(String role) {
        Grants g = new Grants(user(role));
        switch (role) {
            // ingress-api publishes requests and meters usage from completions; sse-bridge reads
            // the stream (its partition-ownership group) and publishes cancellations. Every role
            // reads chat.erasures (no group) to drop an erased conversation's cached data key.
            case "gateway" ->
                g.write(Topics.CHAT_REQUESTS, Topics.CHAT_CANCELLATIONS)
                        .read(Topics.CHAT_STREAM, Topics.MODELS, Topics.CHAT_COMPLETIONS, Topics.CHAT_ERASURES)
                        .group(UsageMeter.GROUP)
                        .group(StreamRouter.GATEWAY_GROUP);
            // Reads requests, context (completions, erasures) and models; writes prompts, and
            // answers blocked or cached requests itself. Streams creates and owns topics named
            // after its application id and uses that id as its group.
            case "topology" ->
                g.read(Topics.CHAT_REQUESTS, Topics.CHAT_COMPLETIONS, Topics.CHAT_ERASURES, Topics.MODELS)
                        .write(Topics.CHAT_PROMPTS, Topics.CHAT_STREAM, Topics.CHAT_COMPLETIONS, Topics.DEAD_LETTER)
                        .group(topologyApplicationId)
                        .allow(
                                new ResourcePattern(
                                        ResourceType.TOPIC, topologyApplicationId + "-", PatternType.PREFIXED),
                                AclOperation.ALL);
            // Reads prompts and cancellations, and the stream when it takes over a response;
            // writes tokens, completions, its model announcement and dead letters.
            case "worker" ->
                g.read(Topics.CHAT_PROMPTS, Topics.CHAT_CANCELLATIONS, Topics.CHAT_STREAM, Topics.CHAT_ERASURES)
                        .write(Topics.CHAT_STREAM, Topics.CHAT_COMPLETIONS, Topics.MODELS, Topics.DEAD_LETTER)
                        .group(workerGroup);
            // Stores completions; Debezium's events go to the audit topic, erasures onward; its
            // offset store is a topic the engine creates and reads back.
            case "persistence" ->
                g.read(Topics.CHAT_COMPLETIONS, Topics.CHAT_ERASURES)
                        .write(Topics.AUDIT, Topics.CHAT_ERASURES, Topics.DEAD_LETTER)
                        .group(historyGroup)
                        .group(cacheGroup)
                        .allow(
                                new ResourcePattern(ResourceType.TOPIC, CdcSettings.OFFSETS_TOPIC, PatternType.LITERAL),
                                AclOperation.ALL);
            default -> throw new IllegalArgumentException("no Kafka ACLs for role " + role);
        }
        return List.copyOf(g.bindings);
    }

    private static final class Grants {
        private final String principal;
        private final List<AclBinding> bindings = new ArrayList<>();

        Grants(String user) {
            this.principal = "User:" + user;
        }

        Grants read(TopicSpec<?, ?>... topics) {
            for (TopicSpec<?, ?> t : topics) allow(topic(t), AclOperation.READ);
            return this;
        }

        /** WRITE implies DESCRIBE; a producer also needs nothing on the cluster (idempotence comes with WRITE on a topic). */
        Grants write(TopicSpec<?, ?>... topics) {
            for (TopicSpec<?, ?> t : topics) allow(topic(t), AclOperation.WRITE);
            return this;
        }

        /** READ on a group lets a member join it and commit its offsets. */
        Grants group(String id) {
            return allow(new ResourcePattern(ResourceType.GROUP, id, PatternType.LITERAL), AclOperation.READ);
        }

        Grants allow(ResourcePattern pattern, AclOperation operation) {
            bindings.add(new AclBinding(
                    pattern, new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW)));
            return this;
        }

        private static ResourcePattern topic(TopicSpec<?, ?> spec) {
            return new ResourcePattern(ResourceType.TOPIC, spec.name(), PatternType.LITERAL);
        }
    }
}
