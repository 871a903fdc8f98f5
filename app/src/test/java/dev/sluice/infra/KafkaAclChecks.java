package dev.sluice.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sluice.schemas.kafka.KafkaSecurity;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Kafka clients of the test itself, signed in as someone, to see what the brokers let them do. */
final class KafkaAclChecks {
    private final String bootstrap;

    KafkaAclChecks(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    static Properties client(String bootstrap, KafkaSecurity security) {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.putAll(security.clientProperties());
        return p;
    }

    /** A consumer of these credentials reading {@code topic} gets an authorization error, not records. */
    void cannotRead(KafkaSecurity who, String topic) {
        Properties p = client(bootstrap, who);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            Throwable refused = catchThrowable(() -> {
                for (int i = 0; i < 20; i++) consumer.poll(Duration.ofMillis(500));
            });
            assertThat(refused).as(who + " reading " + topic).isInstanceOf(TopicAuthorizationException.class);
        }
    }

    /** A producer of these credentials writing to {@code topic} gets an authorization error. */
    void cannotWrite(KafkaSecurity who, String topic) {
        Properties p = client(bootstrap, who);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            Throwable refused = catchThrowable(() ->
                    producer.send(new ProducerRecord<>(topic, "k", "forged")).get(30, TimeUnit.SECONDS));
            assertThat(refused).as(who + " writing " + topic).isNotNull();
            Throwable cause = refused.getCause() != null ? refused.getCause() : refused;
            assertThat(cause).as(who + " writing " + topic).isInstanceOf(TopicAuthorizationException.class);
        }
    }

    /** Wrong password: the broker says so at once. */
    void refusesWrongPassword(KafkaSecurity who) {
        try (Admin admin = Admin.create(adminProps(client(bootstrap, who)))) {
            Throwable refused = catchThrowable(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS));
            assertThat(refused).as(who.toString()).hasRootCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    /** No credentials at all (PLAINTEXT against a SASL listener): nothing is ever answered. */
    void refusesAnonymous() {
        try (Admin admin = Admin.create(adminProps(client(bootstrap, KafkaSecurity.NONE)))) {
            Throwable refused = catchThrowable(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS));
            assertThat(refused).as("a client without credentials").isNotNull();
        }
    }

    private static Properties adminProps(Properties p) {
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        return p;
    }
}
