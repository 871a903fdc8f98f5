package dev.sluice.persistence.config;

import dev.sluice.persistence.erasure.ConversationEraser;
import dev.sluice.persistence.history.ConversationHistory;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the gateway role needs to serve {@code /v1/conversations}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${sluice.roles:gateway,topology,worker,persistence}'.contains('gateway')")
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
