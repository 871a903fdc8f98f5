package dev.sluice.schemas.topic;

import dev.sluice.schemas.kafka.KafkaClients;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
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

    /** Every multi-partition topic of the registry with {@code partitions} partitions (sluice.kafka.partitions). */
    public static TopicProvisioner withPartitions(String bootstrap, short replication, int partitions) {
        Map<String, Integer> overrides = new HashMap<>();
        for (TopicSpec<?, ?> spec : Topics.all()) {
            if (spec.defaultPartitions() > 1) overrides.put(spec.name(), partitions);
        }
        return new TopicProvisioner(bootstrap, replication, overrides);
    }

    public int partitionsOf(TopicSpec<?, ?> spec) {
        return partitionOverrides.getOrDefault(spec.name(), spec.defaultPartitions());
    }

    /** Creates whatever is missing and returns the names it created. */
    public List<String> ensure(List<TopicSpec<?, ?>> specs) {
        try (Admin admin = Admin.create(KafkaClients.admin(bootstrap, "sluice-topics"))) {
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
