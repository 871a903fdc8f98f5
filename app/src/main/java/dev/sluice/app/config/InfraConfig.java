package dev.sluice.app.config;

import dev.sluice.schemas.topic.TopicProvisioner;
import dev.sluice.schemas.topic.Topics;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Infrastructure every role shares: the topics (created before any role starts) and the Redis client. */
@Configuration
public class InfraConfig {

    @Bean(TopicProvisioner.BEAN_NAME)
    TopicProvisioner sluiceTopics(@Value("${sluice.kafka.bootstrap}") String bootstrap,
                                  @Value("${sluice.kafka.replication:1}") short replication,
                                  @Value("${sluice.kafka.partitions:6}") int partitions,
                                  @Value("${sluice.kafka.create-topics:true}") boolean createTopics) {
        TopicProvisioner provisioner = TopicProvisioner.withPartitions(bootstrap, replication, partitions);
        // With ACLs a role may neither see nor create the topics it does not use: the deployments
        // create them once with `sluice kafka-setup` and set this to false.
        if (createTopics) provisioner.ensure(Topics.all());
        return provisioner;
    }

    /** Lettuce connects lazily and reconnects by itself; commands fail fast after the timeout. */
    @Bean(destroyMethod = "shutdown")
    RedisClient redisClient(@Value("${sluice.redis.url:redis://127.0.0.1:6379}") String url,
                            @Value("${sluice.redis.timeout:250ms}") Duration timeout) {
        RedisClient client = RedisClient.create(RedisURI.create(url));
        client.setOptions(ClientOptions.builder()
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        return client;
    }
}
