package dev.sluice.topology;

import dev.sluice.schemas.crypto.ContentCipher;
import dev.sluice.schemas.role.ConditionalOnRole;
import dev.sluice.schemas.topic.TopicProvisioner;
import dev.sluice.topology.cache.RedisResponseCache;
import dev.sluice.guard.GuardPipeline;
import dev.sluice.guard.SystemPromptPolicy;
import dev.sluice.topology.context.HistoryLimits;
import dev.sluice.topology.pipeline.ChatTopology;
import dev.sluice.topology.pipeline.GuardStage;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.MeterRegistry;
import dev.sluice.topology.pipeline.TopologyRunner;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.util.unit.DataSize;

/** Wires the topology role. */
@Configuration
@DependsOn(TopicProvisioner.BEAN_NAME)
@ConditionalOnRole("topology")
public class TopologyConfig {

    @Bean(destroyMethod = "close")
    TopologyRunner topologyRunner(@Value("${sluice.kafka.bootstrap}") String bootstrap,
                                  @Value("${sluice.kafka.replication:1}") short replication,
                                  @Value("${sluice.data-dir:.sluice}") Path dataDir,
                                  @Value("${sluice.topology.application-id:sluice-topology}") String applicationId,
                                  @Value("${sluice.context.ttl:24h}") Duration contextTtl,
                                  @Value("${sluice.context.max-turns:200}") int maxTurns,
                                  @Value("${sluice.context.max-bytes:256KB}") DataSize maxBytes,
                                  @Value("${sluice.pii.vault-max-entries:512}") int vaultMaxEntries,
                                  @Value("${sluice.pii.vault-key:}") String vaultKey,
                                  RedisResponseCache cache, GuardPipeline guard, SystemPromptPolicy systemPrompt,
                                  MeterRegistry meters, ContentCipher cipher) {
        var settings = new ChatTopology.TopologySettings(contextTtl, 4096, new HistoryLimits(maxTurns, (int) maxBytes.toBytes()),
                VaultKey.resolve(vaultKey, dataDir), vaultMaxEntries);
        return new TopologyRunner(bootstrap, applicationId, replication, dataDir.resolve("streams"), settings, cache,
                new GuardStage(guard, systemPrompt, meters), cipher).start();
    }

    @Bean(destroyMethod = "close")
    RedisResponseCache responseCache(RedisClient redis, @Value("${sluice.redis.url:redis://127.0.0.1:6379}") String url,
                                     @Value("${sluice.cache.lookup-timeout:20ms}") Duration timeout, MeterRegistry meters) {
        return new RedisResponseCache(redis, RedisURI.create(url), timeout, meters);
    }
}
