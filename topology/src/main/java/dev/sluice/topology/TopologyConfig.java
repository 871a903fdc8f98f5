package dev.sluice.topology;

import dev.sluice.guard.GuardPipeline;
import dev.sluice.guard.SystemPromptPolicy;
import dev.sluice.schemas.cache.CacheSettings;
import dev.sluice.schemas.config.KafkaSettings;
import dev.sluice.schemas.config.ProcessSettings;
import dev.sluice.schemas.config.RedisSettings;
import dev.sluice.schemas.crypto.ContentCipher;
import dev.sluice.schemas.role.ConditionalOnRole;
import dev.sluice.schemas.topic.TopicProvisioner;
import dev.sluice.topology.cache.RedisResponseCache;
import dev.sluice.topology.context.HistoryLimits;
import dev.sluice.topology.pipeline.ChatTopology;
import dev.sluice.topology.pipeline.GuardStage;
import dev.sluice.topology.pipeline.TopologyRunner;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

/** Wires the topology role. */
@Configuration
@DependsOn(TopicProvisioner.BEAN_NAME)
@ConditionalOnRole("topology")
@EnableConfigurationProperties({
    StreamsSettings.class,
    ContextSettings.class,
    PiiVaultSettings.class,
    CacheSettings.class,
    KafkaSettings.class,
    RedisSettings.class,
    ProcessSettings.class
})
public class TopologyConfig {

    @Bean(destroyMethod = "close")
    TopologyRunner topologyRunner(
            KafkaSettings kafka,
            ProcessSettings process,
            StreamsSettings streams,
            ContextSettings context,
            PiiVaultSettings vault,
            RedisResponseCache cache,
            GuardPipeline guard,
            SystemPromptPolicy systemPrompt,
            MeterRegistry meters,
            ContentCipher cipher) {
        Path dataDir = process.dataDir();
        var settings = new ChatTopology.TopologySettings(
                context.ttl(),
                4096,
                new HistoryLimits(context.maxTurns(), (int) context.maxBytes().toBytes()),
                VaultKey.resolve(vault.vaultKey(), dataDir),
                vault.vaultMaxEntries(),
                context.maxConversations());
        // The gate's static token vectors before the first prompt, not on its Streams thread.
        guard.prepareForPrompts();
        return new TopologyRunner(
                        kafka.bootstrap(),
                        streams.applicationId(),
                        kafka.replication(),
                        dataDir.resolve("streams"),
                        settings,
                        cache,
                        new GuardStage(guard, systemPrompt, meters),
                        cipher,
                        streams.streamThreads())
                .start();
    }

    @Bean(destroyMethod = "close")
    RedisResponseCache responseCache(
            RedisClient redis, RedisSettings redisSettings, CacheSettings cacheSettings, MeterRegistry meters) {
        return new RedisResponseCache(
                redis, RedisURI.create(redisSettings.url()), cacheSettings.lookupTimeout(), meters);
    }
}
