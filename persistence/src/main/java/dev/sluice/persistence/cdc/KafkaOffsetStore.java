package dev.sluice.persistence.cdc;

import dev.sluice.schemas.kafka.KafkaClients;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.KafkaOffsetBackingStore;
import org.apache.kafka.connect.util.SharedTopicAdmin;
import org.apache.kafka.connect.util.TopicAdmin;
import org.jspecify.annotations.Nullable;

/**
 * Kafka Connect's Kafka offset store that also closes its admin client when stopped. Debezium
 * builds the stock store with an admin client nobody closes, which leaves a thread per engine
 * start retrying the broker forever; naming this class in {@code offset.storage} makes the
 * engine create it reflectively instead. Storage format and topic are the stock ones.
 */
public final class KafkaOffsetStore extends KafkaOffsetBackingStore {
    private final AdminHolder admin;

    public KafkaOffsetStore() {
        this(new AdminHolder());
    }

    private KafkaOffsetStore(AdminHolder admin) {
        super(admin, () -> "sluice-cdc", keyConverter());
        this.admin = admin;
    }

    private static JsonConverter keyConverter() {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "false"), true);
        return converter;
    }

    @Override
    public void configure(WorkerConfig config) {
        Map<String, Object> props = new HashMap<>();
        props.put(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                String.join(",", config.getList(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)));
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, "sluice-cdc-offsets-admin");
        props.putAll(KafkaClients.securityProperties());
        admin.shared = new SharedTopicAdmin(props);
        super.configure(config);
    }

    @Override
    public void stop() {
        try {
            super.stop();
        } finally {
            if (admin.shared != null) admin.shared.close(Duration.ofSeconds(5));
        }
    }

    /** Lets the superclass ask for the admin client before {@link #configure} has created it. */
    private static final class AdminHolder implements Supplier<TopicAdmin> {
        private volatile @Nullable SharedTopicAdmin shared;

        @Override
        public TopicAdmin get() {
            SharedTopicAdmin current = shared;
            if (current == null) throw new IllegalStateException("offset store used before it was configured");
            return current.get();
        }
    }
}
