package dev.sluice.gateway.chat;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Request limits of the gateway ({@code sluice.gateway.*}, env {@code SLUICE_GATEWAY_*}): 400 beyond, 413 for the body.
 *
 * @param maxMessages      messages one request may hold
 * @param maxMessageChars  characters one message may hold
 * @param maxTotalChars    characters all messages together may hold
 * @param defaultMaxTokens {@code max_tokens} when the request has none
 * @param maxMessageTokens estimated tokens one message may hold (estimate: see {@link TokenEstimate})
 * @param maxTotalTokens   estimated tokens all messages together may hold
 * @param maxBodyBytes     largest request body accepted (413 beyond), declared or chunked
 */
@ConfigurationProperties("sluice.gateway")
@Validated
public record GatewaySettings(
        @DefaultValue("256") @Min(1) int maxMessages,
        @DefaultValue("32000") @Min(1) int maxMessageChars,
        @DefaultValue("128000") @Min(1) int maxTotalChars,
        @DefaultValue("12000") @Min(1) int maxMessageTokens,
        @DefaultValue("48000") @Min(1) int maxTotalTokens,
        @DefaultValue("256") @Min(1) int defaultMaxTokens,
        @DefaultValue("1MB") DataSize maxBodyBytes) {}
