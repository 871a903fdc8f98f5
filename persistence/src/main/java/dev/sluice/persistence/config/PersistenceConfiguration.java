package dev.sluice.persistence.config;

import dev.sluice.persistence.cache.RedisResponseStore;
import dev.sluice.persistence.cdc.AuditStream;
import dev.sluice.persistence.cdc.CdcMetrics;
import dev.sluice.persistence.cdc.CdcSettings;
import dev.sluice.persistence.erasure.ErasurePropagator;
import dev.sluice.persistence.sink.CompletionSink;
import dev.sluice.persistence.sink.PostgresCompletionWriter;
import dev.sluice.persistence.sink.SinkSettings;
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
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The persistence role: the history sink (PostgreSQL), the response-cache sink (Redis) and the
 * audit stream (Debezium), each a plain object this class only builds. The app provides the
 * {@link DataSource} (Flyway migrates it) and the {@link RedisClient}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole("persistence")
public class PersistenceConfiguration {

    @Bean
    PersistenceRole persistenceRole(
            DataSource dataSource, RedisClient redisClient, MeterRegistry registry, ContentCipher cipher,
            @Value("${sluice.kafka.bootstrap:localhost:9092}") String bootstrap,
            @Value("${sluice.cache.ttl:1h}") String cacheTtlText,
            @Value("${sluice.persistence.group:sluice-persistence}") String historyGroup,
            @Value("${sluice.persistence.cache-group:sluice-response-cache}") String cacheGroup,
            @Value("${sluice.cdc.enabled:true}") boolean cdcEnabled,
            @Value("${sluice.cdc.offsets-replication:1}") short offsetsReplication,
            @Value("${spring.datasource.url:}") String jdbcUrl,
            @Value("${spring.datasource.username:}") String dbUser,
            @Value("${spring.datasource.password:}") String dbPassword) {
        // Parsed here rather than by @Value so "1h", "90m" and "PT1H" work in any context.
        Duration cacheTtl = DurationStyle.detectAndParse(cacheTtlText);
        List<AutoCloseable> resources = new ArrayList<>();
        StatefulRedisConnection<String, String> redis = redisClient.connect();
        resources.add(redis);

        CompletionSink history = new CompletionSink("persistence-history", SinkSettings.defaults(bootstrap, historyGroup),
                new PostgresCompletionWriter(dataSource), registry, cipher);
        CompletionSink cache = new CompletionSink("persistence-cache", SinkSettings.defaults(bootstrap, cacheGroup),
                new RedisResponseStore(redis, cacheTtl, Clock.systemUTC(), registry), registry, cipher);

        AuditStream audit = null;
        if (cdcEnabled) {
            CdcSettings settings = CdcSettings.fromJdbcUrl(jdbcUrl, dbUser, dbPassword, bootstrap, offsetsReplication);
            KafkaProducer<String, String> auditProducer = new KafkaProducer<>(
                    KafkaClients.producer(bootstrap, "sluice-audit"), new StringSerializer(), new StringSerializer());
            KafkaProducer<String, ConversationErased> erasureProducer = new KafkaProducer<>(
                    KafkaClients.producer(bootstrap, "sluice-erasures"), new StringSerializer(), Topics.CHAT_ERASURES.valueSerde().serializer());
            CdcMetrics metrics = new CdcMetrics(registry, dataSource, settings.slotName(), Duration.ofSeconds(5));
            resources.add(metrics);
            resources.add(auditProducer);
            resources.add(erasureProducer);
            ErasurePropagator erasure = new ErasurePropagator(redis, erasureProducer, auditProducer, cacheTtl, registry);
            audit = new AuditStream(settings, auditProducer, erasure, metrics, Clock.systemUTC());
        }
        return new PersistenceRole(history, cache, audit, resources);
    }
}
