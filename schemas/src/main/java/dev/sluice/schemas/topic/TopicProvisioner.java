package dev.sluice.schemas.topic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the registry's topics at start, idempotently: a topic that exists is left as it is
 * (its partition count is the operator's to change), a missing one is created with the
 * registry's settings.
 */
public final class TopicProvisioner {
    /** Spring bean name; role configurations depend on it so topics exist before anything reads them. */
    public static final String BEAN_NAME = "sluiceTopics";

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private final String bootstrap;
    private final short replication;
    private final Map<String, Integer> partitionOverrides;

    public TopicProvisioner(String bootstrap, short replication, Map<String, Integer> partitionOverrides) {
        this.bootstrap = bootstrap;
        this.replication = replication;
        this.partitionOverrides = Map.copyOf(partitionOverrides);
    }

    public int partitionsOf(TopicSpec<?, ?> spec) {
        return partitionOverrides.getOrDefault(spec.name(), spec.defaultPartitions());
    }

    /** Creates whatever is missing and returns the names it created. */
    public List<String> ensure(List<TopicSpec<?, ?>> specs) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (TopicSpec<?, ?> spec : specs) {
                if (!existing.contains(spec.name())) {
                    missing.add(new NewTopic(spec.name(), partitionsOf(spec), replication).configs(spec.configs()));
                }
            }
            List<String> created = new ArrayList<>();
            for (var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get(60, TimeUnit.SECONDS);
                    created.add(entry.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) throw e;
                }
            }
            if (!created.isEmpty()) log.info("created topics {}", created);
            return created;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create Sluice topics on " + bootstrap + ": " + e.getMessage(), e);
        }
    }
}
