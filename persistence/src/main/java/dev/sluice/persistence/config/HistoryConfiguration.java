package dev.sluice.persistence.config;

import dev.sluice.persistence.erasure.ConversationEraser;
import dev.sluice.persistence.history.ConversationHistory;
import dev.sluice.schemas.role.ConditionalOnRole;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the gateway role needs to serve {@code /v1/conversations}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole("gateway")
public class HistoryConfiguration {

    @Bean
    ConversationHistory conversationHistory(DataSource dataSource) {
        return new ConversationHistory(dataSource);
    }

    @Bean
    ConversationEraser conversationEraser(DataSource dataSource) {
        return new ConversationEraser(dataSource);
    }
}
