package dev.sluice.app.kafka;

import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.schemas.topic.TopicProvisioner;
import dev.sluice.schemas.topic.Topics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.ResourcePatternFilter;

/**
 * Makes the cluster match {@link KafkaAccess}: creates the registry's topics, sets each role's
 * SCRAM-SHA-512 password (an upsert, so running it again with new passwords rotates them), adds
 * each role's ACLs and removes any other ACL of those users (a grant dropped from the code is
 * dropped from the cluster). Run as a user that may alter credentials and ACLs (the brokers'
 * super user): the deployments' one-shot {@code kafka-setup} service and Job.
 */
public final class KafkaSetup {
    /** Above Kafka's minimum of 4096; the cost is paid once per connection, not per request. */
    static final int SCRAM_ITERATIONS = 8192;

    private final String bootstrap;
    private final KafkaAccess access;

    public KafkaSetup(String bootstrap, KafkaAccess access) {
        this.bootstrap = bootstrap;
        this.access = access;
    }

    /** What one run did, for the log. */
    public record Report(List<String> createdTopics, List<String> users, int aclsAdded, int aclsRemoved) {}

    /**
     * @param passwords role → password; every role of {@link KafkaAccess#ROLES} must have one
     */
    public Report apply(short replication, int partitions, Map<String, String> passwords) throws Exception {
        for (String role : KafkaAccess.ROLES) {
            String pw = passwords.get(role);
            if (pw == null || pw.isEmpty()) throw new IllegalArgumentException("no Kafka password for role " + role);
        }
        List<String> created = TopicProvisioner.withPartitions(bootstrap, replication, partitions)
                .ensure(Topics.all());
        try (Admin admin = Admin.create(KafkaClients.admin(bootstrap, "sluice-kafka-setup"))) {
            List<UserScramCredentialAlteration> upserts = new ArrayList<>();
            List<String> users = new ArrayList<>();
            for (String role : KafkaAccess.ROLES) {
                String user = KafkaAccess.user(role);
                users.add(user);
                upserts.add(new UserScramCredentialUpsertion(
                        user,
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS),
                        passwords.get(role)));
            }
            admin.alterUserScramCredentials(upserts).all().get(60, TimeUnit.SECONDS);

            Set<AclBinding> wanted = new HashSet<>();
            access.bindings().values().forEach(wanted::addAll);
            List<AclBindingFilter> stale = new ArrayList<>();
            for (String user : users) {
                AclBindingFilter ofUser = new AclBindingFilter(
                        ResourcePatternFilter.ANY,
                        new AccessControlEntryFilter("User:" + user, null, AclOperation.ANY, AclPermissionType.ANY));
                for (AclBinding existing : admin.describeAcls(ofUser).values().get(60, TimeUnit.SECONDS)) {
                    if (!wanted.contains(existing)) stale.add(existing.toFilter());
                }
            }
            int removed = stale.isEmpty()
                    ? 0
                    : admin.deleteAcls(stale).all().get(60, TimeUnit.SECONDS).size();
            admin.createAcls(wanted).all().get(60, TimeUnit.SECONDS);
            return new Report(created, users, wanted.size(), removed);
        }
    }
}
