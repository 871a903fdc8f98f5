package dev.sluice.bridge;

import dev.sluice.bridge.cancel.CancelPublisher;
import dev.sluice.bridge.cancel.DisconnectCanceller;
import dev.sluice.bridge.registry.StreamRegistry;
import dev.sluice.bridge.replay.ReplayReader;
import dev.sluice.bridge.route.StreamRouter;
import dev.sluice.schemas.config.KafkaSettings;
import dev.sluice.schemas.config.ProcessSettings;
import dev.sluice.schemas.crypto.ContentCipher;
import dev.sluice.schemas.role.ConditionalOnRole;
import dev.sluice.schemas.topic.TopicProvisioner;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

/** Wires the bridge for the gateway role; every piece is a plain object with its own lifecycle. */
@Configuration
@DependsOn(TopicProvisioner.BEAN_NAME)
@EnableConfigurationProperties({BridgeSettings.class, KafkaSettings.class, ProcessSettings.class})
@ConditionalOnRole("gateway")
public class BridgeConfig {

    @Bean(destroyMethod = "close")
    StreamRouter streamRouter(
            KafkaSettings kafka,
            ProcessSettings process,
            BridgeSettings settings,
            MeterRegistry meters,
            ContentCipher cipher) {
        return new StreamRouter(
                        kafka.bootstrap(),
                        process.instanceId(),
                        settings.queueCapacity(),
                        meters,
                        settings.partitionAffinity() ? StreamRouter.GATEWAY_GROUP : null,
                        cipher)
                .start();
    }

    @Bean(destroyMethod = "close")
    StreamRegistry streamRegistry(RedisClient redis, BridgeSettings settings) {
        return new StreamRegistry(redis, settings.resumeWindow());
    }

    @Bean(destroyMethod = "close")
    ReplayReader replayReader(
            KafkaSettings kafka, ProcessSettings process, BridgeSettings settings, ContentCipher cipher) {
        return new ReplayReader(
                kafka.bootstrap(),
                process.instanceId(),
                settings.replayConsumers(),
                settings.replayMargin(),
                settings.replayTimeout(),
                settings.replayWait(),
                settings.replayPerUser(),
                cipher);
    }

    @Bean(destroyMethod = "close")
    CancelPublisher cancelPublisher(KafkaSettings kafka, ProcessSettings process) {
        return new CancelPublisher(kafka.bootstrap(), process.instanceId());
    }

    @Bean(destroyMethod = "close")
    DisconnectCanceller disconnectCanceller(
            StreamRegistry registry, CancelPublisher publisher, BridgeSettings settings, MeterRegistry meters) {
        return new DisconnectCanceller(registry, publisher, settings.cancelGrace(), meters);
    }

    /** Smaller per-connection socket buffers: Tomcat's advice for very many keep-alive connections, which open streams are. */
    @Bean
    TomcatConnectorCustomizer bridgeSocketBuffers(BridgeSettings settings) {
        return connector -> {
            connector.setProperty("socket.appReadBufSize", Integer.toString(settings.socketBuffer()));
            connector.setProperty("socket.appWriteBufSize", Integer.toString(settings.socketBuffer()));
        };
    }

    @Bean
    StreamBridge streamBridge(
            BridgeSettings settings,
            StreamRouter router,
            StreamRegistry registry,
            ReplayReader replay,
            DisconnectCanceller canceller,
            CancelPublisher cancels,
            MeterRegistry meters) {
        return new StreamBridge(settings, router, registry, replay, canceller, cancels, meters);
    }
}
