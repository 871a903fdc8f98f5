package dev.sluice.persistence.config;

import dev.sluice.persistence.cache.RedisResponseStore;
import dev.sluice.persistence.cdc.AuditStream;
import dev.sluice.persistence.cdc.CdcMetrics;
import dev.sluice.persistence.cdc.CdcSettings;
import dev.sluice.persistence.erasure.ErasurePropagator;
import dev.sluice.persistence.sink.CompletionSink;
import dev.sluice.persistence.sink.PostgresCompletionWriter;
import dev.sluice.persistence.sink.SinkSettings;
import dev.sluice.schemas.cache.CacheSettings;
import dev.sluice.schemas.config.KafkaSettings;
import dev.sluice.schemas.crypto.ContentCipher;
import dev.sluice.schemas.event.ConversationErased;
import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.schemas.role.ConditionalOnRole;
import dev.sluice.schemas.topic.Topics;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The persistence role: the history sink (PostgreSQL), the response-cache sink (Redis) and the
 * audit stream (Debezium), each a plain object this class only builds. The app provides the
 * {@link DataSource} (Flyway migrates it) and the {@link RedisClient}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole("persistence")
@EnableConfigurationProperties({PersistenceSettings.class, AuditSettings.class, CacheSettings.class, KafkaSettings.class
})
public class PersistenceConfiguration {

    @Bean
    PersistenceRole persistenceRole(
            DataSource dataSource,
            RedisClient redisClient,
            MeterRegistry registry,
            ContentCipher cipher,
            PersistenceSettings groups,
            AuditSettings auditSettings,
            CacheSettings cacheSettings,
            KafkaSettings kafka,
            // Spring's own datasource settings, as the DataSource was built from them: Debezium opens its own
            // connection.
            @Value("${spring.datasource.url:}") String jdbcUrl,
            @Value("${spring.datasource.username:}") String dbUser,
            @Value("${spring.datasource.password:}") String dbPassword) {
        String bootstrap = kafka.bootstrap();
        Duration cacheTtl = cacheSettings.ttl();
        List<AutoCloseable> resources = new ArrayList<>();
        StatefulRedisConnection<String, String> redis = redisClient.connect();
        resources.add(redis);

        CompletionSink history = new CompletionSink(
                "persistence-history",
                SinkSettings.defaults(bootstrap, groups.group(), groups.batchWait()),
                new PostgresCompletionWriter(dataSource),
                registry,
                cipher);
        CompletionSink cache = new CompletionSink(
                "persistence-cache",
                SinkSettings.defaults(bootstrap, groups.cacheGroup(), groups.batchWait()),
                new RedisResponseStore(redis, cacheTtl, Clock.systemUTC(), registry),
                registry,
                cipher);

        AuditStream audit = null;
        if (auditSettings.enabled()) {
            CdcSettings settings =
                    CdcSettings.fromJdbcUrl(jdbcUrl, dbUser, dbPassword, bootstrap, auditSettings.offsetsReplication());
            KafkaProducer<String, String> auditProducer = new KafkaProducer<>(
                    KafkaClients.producer(bootstrap, "sluice-audit"), new StringSerializer(), new StringSerializer());
            KafkaProducer<String, ConversationErased> erasureProducer = new KafkaProducer<>(
                    KafkaClients.producer(bootstrap, "sluice-erasures"),
                    new StringSerializer(),
                    Topics.CHAT_ERASURES.valueSerde().serializer());
            CdcMetrics metrics = new CdcMetrics(registry, dataSource, settings.slotName(), Duration.ofSeconds(5));
            resources.add(metrics);
            resources.add(auditProducer);
            resources.add(erasureProducer);
            ErasurePropagator erasure =
                    new ErasurePropagator(redis, erasureProducer, auditProducer, cacheTtl, registry);
            audit = new AuditStream(settings, auditProducer, erasure, metrics, Clock.systemUTC());
        }
        return new PersistenceRole(history, cache, audit, resources);
    }
}
