package dev.sluice.gateway;

import dev.sluice.bridge.StreamBridge;
import dev.sluice.gateway.chat.ChatService;
import dev.sluice.gateway.chat.GatewaySettings;
import dev.sluice.gateway.chat.RequestPublisher;
import dev.sluice.gateway.chat.RequestValidator;
import dev.sluice.gateway.chat.TokenReservations;
import dev.sluice.gateway.models.ModelCatalog;
import dev.sluice.schemas.config.KafkaSettings;
import dev.sluice.schemas.config.ProcessSettings;
import dev.sluice.schemas.crypto.ContentCipher;
import dev.sluice.schemas.role.ConditionalOnRole;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the gateway role: the request publisher and the model catalog (the bridge wires itself in BridgeConfig). */
@Configuration
@org.springframework.context.annotation.DependsOn(dev.sluice.schemas.topic.TopicProvisioner.BEAN_NAME)
@EnableConfigurationProperties({GatewaySettings.class, KafkaSettings.class, ProcessSettings.class})
@ConditionalOnRole("gateway")
public class GatewayConfig {

    @Bean(destroyMethod = "close")
    RequestPublisher requestPublisher(KafkaSettings kafka, ProcessSettings process, ContentCipher cipher) {
        return new RequestPublisher(kafka.bootstrap(), process.instanceId(), 10_000, cipher);
    }

    @Bean(destroyMethod = "close")
    ModelCatalog modelCatalog(KafkaSettings kafka, ProcessSettings process) {
        return new ModelCatalog(kafka.bootstrap(), process.instanceId()).start();
    }

    @Bean
    ChatService chatService(
            GatewaySettings settings,
            ModelCatalog catalog,
            StreamBridge bridge,
            RequestPublisher publisher,
            ObjectProvider<TokenReservations> budget) {
        return new ChatService(
                new RequestValidator(settings),
                catalog,
                bridge,
                publisher,
                budget.getIfAvailable(() -> TokenReservations.NONE));
    }
}
