package dev.sluice.app.config;

import dev.sluice.schemas.config.KafkaSettings;
import dev.sluice.schemas.config.RedisSettings;
import dev.sluice.schemas.topic.TopicProvisioner;
import dev.sluice.schemas.topic.Topics;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Infrastructure every role shares: the topics (created before any role starts) and the Redis client. */
@Configuration
@EnableConfigurationProperties({KafkaSettings.class, RedisSettings.class})
public class InfraConfig {

    @Bean(TopicProvisioner.BEAN_NAME)
    TopicProvisioner sluiceTopics(KafkaSettings kafka) {
        TopicProvisioner provisioner =
                TopicProvisioner.withPartitions(kafka.bootstrap(), kafka.replication(), kafka.partitions());
        // With ACLs a role may neither see nor create the topics it does not use: the deployments
        // create them once with `sluice kafka-setup` and set this to false.
        if (kafka.createTopics()) provisioner.ensure(Topics.all());
        return provisioner;
    }

    /** Lettuce connects lazily and reconnects by itself; commands fail fast after the timeout. */
    @Bean(destroyMethod = "shutdown")
    RedisClient redisClient(RedisSettings redis) {
        RedisClient client = RedisClient.create(RedisURI.create(redis.url()));
        client.setOptions(ClientOptions.builder()
                .timeoutOptions(TimeoutOptions.enabled(redis.timeout()))
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        return client;
    }
}
