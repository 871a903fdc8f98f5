package dev.sluice.schemas.kafka;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.jspecify.annotations.Nullable;

/** Client settings every role shares, chosen for a chat path where latency matters. */
public final class KafkaClients {
    /**
     * Set once per process by {@code sluice serve} from its configuration, before the first
     * client exists; every client any role makes (producers, consumers, admin clients, Kafka
     * Streams, Debezium's offset store) takes it from here, so none can be forgotten.
     */
    private static volatile KafkaSecurity security = KafkaSecurity.NONE;

    public static void useSecurity(KafkaSecurity value) {
        security = value;
    }

    public static KafkaSecurity security() {
        return security;
    }

    /** The authentication properties of this process's clients (only {@code security.protocol=PLAINTEXT} by default). */
    public static Map<String, Object> securityProperties() {
        return security.clientProperties();
    }

    /** An admin client's settings: long enough a timeout for a cluster that is still electing leaders. */
    public static Properties admin(String bootstrap, String clientId) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);
        p.putAll(securityProperties());
        return p;
    }

    /**
     * Idempotent, acks=all producer. {@code linger.ms=0}: Kafka 4 defaults to 5 ms, which
     * would be added to every token's trip; batching still happens while a send is in flight.
     */
    public static Properties producer(String bootstrap, String clientId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        p.putAll(securityProperties());
        return p;
    }

    /**
     * Consumer that commits by hand. With {@code fetch.min.bytes} 1 the broker answers a fetch
     * the moment one record arrives, so {@code fetch.max.wait.ms} only bounds how long an idle
     * fetch is parked: a short one adds no latency, it only makes every idle consumer send a
     * fetch request every few ms (10 ms cost about a third of a core at idle on 2 vCPU).
     */
    public static Properties consumer(String bootstrap, @Nullable String groupId, String clientId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        if (groupId != null) p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500);
        p.putAll(securityProperties());
        return p;
    }

    private KafkaClients() {}
}
