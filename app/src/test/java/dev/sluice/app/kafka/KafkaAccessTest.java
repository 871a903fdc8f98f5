package dev.sluice.app.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.schemas.topic.TopicSpec;
import dev.sluice.schemas.topic.Topics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class KafkaAccessTest {
    private final KafkaAccess access = KafkaAccess.defaults();

    @Test
    void everyRoleHasItsOwnUserAndOnlyAllowRulesForIt() {
        Map<String, List<AclBinding>> all = access.bindings();
        assertThat(all.keySet()).containsExactlyElementsOf(KafkaAccess.ROLES);
        assertThat(KafkaAccess.ROLES.stream().map(KafkaAccess::user).collect(Collectors.toSet()))
                .hasSize(KafkaAccess.ROLES.size());
        all.forEach((role, bindings) -> assertThat(bindings)
                .as(role)
                .isNotEmpty()
                .allSatisfy(b -> {
                    assertThat(b.entry().principal()).isEqualTo("User:" + KafkaAccess.user(role));
                    assertThat(b.entry().permissionType()).isEqualTo(AclPermissionType.ALLOW);
                    // Nothing on the cluster: no role may create topics, alter configs, or manage ACLs and users.
                    assertThat(b.pattern().resourceType()).isNotEqualTo(ResourceType.CLUSTER);
                }));
        assertThatThrownBy(() -> KafkaAccess.user("admin")).hasMessageContaining("no Kafka user");
    }

    @Test
    void theGatewayMayNeitherReadRawRequestsNorWritePromptsNorTouchTheAuditTrail() {
        assertThat(topics("gateway", AclOperation.READ))
                .doesNotContain(Topics.CHAT_REQUESTS.name(), Topics.CHAT_PROMPTS.name(), Topics.AUDIT.name());
        assertThat(topics("gateway", AclOperation.WRITE))
                .containsExactlyInAnyOrder(Topics.CHAT_REQUESTS.name(), Topics.CHAT_CANCELLATIONS.name());
    }

    @Test
    void onlyTheTopologyReadsRawRequestsAndOnlyPersistenceWritesTheAuditTrail() {
        for (String role : KafkaAccess.ROLES) {
            assertThat(topics(role, AclOperation.READ).contains(Topics.CHAT_REQUESTS.name()))
                    .as(role)
                    .isEqualTo(role.equals("topology"));
            assertThat(topics(role, AclOperation.WRITE).contains(Topics.AUDIT.name()))
                    .as(role)
                    .isEqualTo(role.equals("persistence"));
            assertThat(topics(role, AclOperation.READ))
                    .as("no role reads the audit trail")
                    .doesNotContain(Topics.AUDIT.name());
        }
    }

    @Test
    void everyTopicSomeRoleReadsIsWrittenBySomeRole() {
        Set<String> written = KafkaAccess.ROLES.stream()
                .flatMap(r -> topics(r, AclOperation.WRITE).stream())
                .collect(Collectors.toSet());
        for (String role : KafkaAccess.ROLES)
            assertThat(written).as("topics %s reads", role).containsAll(topics(role, AclOperation.READ));
        for (TopicSpec<?, ?> spec : Topics.all())
            assertThat(written).as("someone writes " + spec.name()).contains(spec.name());
    }

    @Test
    void theTopologyOwnsTopicsPrefixedWithItsApplicationIdAndJoinsThatGroup() {
        KafkaAccess custom = new KafkaAccess("my-topology", "w", "h", "c");
        assertThat(custom.bindings("topology"))
                .anySatisfy(b -> {
                    assertThat(b.pattern().resourceType()).isEqualTo(ResourceType.TOPIC);
                    assertThat(b.pattern().patternType()).isEqualTo(PatternType.PREFIXED);
                    assertThat(b.pattern().name()).isEqualTo("my-topology-");
                    assertThat(b.entry().operation()).isEqualTo(AclOperation.ALL);
                })
                .anySatisfy(b -> {
                    assertThat(b.pattern().resourceType()).isEqualTo(ResourceType.GROUP);
                    assertThat(b.pattern().name()).isEqualTo("my-topology");
                });
        assertThat(custom.bindings().values().stream()
                        .flatMap(List::stream)
                        .filter(b -> b.pattern().patternType() == PatternType.PREFIXED))
                .as("the only prefixed grant")
                .hasSize(1);
    }

    private Set<String> topics(String role, AclOperation op) {
        return access.bindings(role).stream()
                .filter(b -> b.pattern().resourceType() == ResourceType.TOPIC
                        && b.pattern().patternType() == PatternType.LITERAL)
                .filter(b -> b.entry().operation() == op)
                .map(b -> b.pattern().name())
                .collect(Collectors.toSet());
    }
}
