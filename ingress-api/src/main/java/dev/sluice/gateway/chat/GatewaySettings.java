package dev.sluice.gateway.chat;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param decisionTimeout  how long the response is held for the first event before headers go out
 * @param heartbeat        SSE comment interval while no token flows
 * @param idleTimeout      a response with no event for this long ends with a timeout error
 * @param maxMessageTokens estimated tokens one message may hold (estimate: see {@link TokenEstimate})
 * @param maxTotalTokens   estimated tokens all messages together may hold
 * @param maxBodyBytes     largest request body accepted (413 beyond), declared or chunked
 */
@ConfigurationProperties("sluice.gateway")
public record GatewaySettings(
        @DefaultValue("2s") Duration decisionTimeout,
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("120s") Duration idleTimeout,
        @DefaultValue("3000") long retryMs,
        @DefaultValue("256") int maxMessages,
        @DefaultValue("32000") int maxMessageChars,
        @DefaultValue("128000") int maxTotalChars,
        @DefaultValue("12000") int maxMessageTokens,
        @DefaultValue("48000") int maxTotalTokens,
        @DefaultValue("256") int defaultMaxTokens,
        @DefaultValue("1024") int streamQueueCapacity,
        @DefaultValue("1MB") DataSize maxBodyBytes) {
}
