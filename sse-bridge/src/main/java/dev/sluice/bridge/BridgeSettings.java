package dev.sluice.bridge;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the SSE bridge ({@code sluice.bridge.*}, env {@code SLUICE_BRIDGE_*}).
 *
 * @param heartbeat       SSE comment interval while no token flows; keeps proxies from closing the stream
 * @param retry           the {@code retry:} hint: how long an EventSource waits before reconnecting
 * @param idleTimeout     a response with no event for this long ends with a timeout error
 * @param decisionTimeout how long a POST is held for its first event before headers go out, so a
 *                        blocked prompt gets a 400 rather than a 200 stream that then errors
 * @param resumeWindow    how long a response can be resumed after it was accepted
 * @param cancelGrace     how long a dropped response waits for a re-attach before it is cancelled; 0 = at once
 * @param queueCapacity   events buffered per connection before a slow client is disconnected
 * @param replayMargin    replay looks this far before the accept time, for clock skew with workers
 * @param replayConsumers Kafka consumers kept for replays (concurrent resumes beyond this wait)
 * @param replayTimeout   a replay that cannot reach the end offset in this time fails
 * @param replayWait      how long a resume waits for a free replay consumer before a 503 (the pool is busy)
 * @param replayPerUser   replay consumers one user may hold at once on this gateway; more get a 429 at once, so one
 *                        account cannot take every slot of the pool
 * @param socketBuffer    Tomcat's per-connection socket read and write buffers (8 KB by default
 *                        there); SSE events and API requests are small, and at ten thousand open
 *                        streams every KB per connection is 10 MB of heap
 * @param partitionAffinity true: the gateways split chat.stream's partitions (a consumer group) and each mints
 *                        correlation ids in its own share, so it reads only its share; false: every gateway
 *                        reads every partition (the cost grows with gateways × tokens)
 */
@ConfigurationProperties("sluice.bridge")
@Validated
public record BridgeSettings(
        @DefaultValue("15s") @DurationMin(millis = 1) Duration heartbeat,
        @DefaultValue("3s") @DurationMin(millis = 0) Duration retry,
        @DefaultValue("120s") @DurationMin(millis = 1) Duration idleTimeout,
        @DefaultValue("2s") @DurationMin(millis = 0) Duration decisionTimeout,
        @DefaultValue("1h") @DurationMin(seconds = 1) Duration resumeWindow,
        @DefaultValue("10s") @DurationMin(millis = 0) Duration cancelGrace,
        @DefaultValue("1024") @Min(1) int queueCapacity,
        @DefaultValue("5s") @DurationMin(millis = 0) Duration replayMargin,
        @DefaultValue("4") @Min(1) int replayConsumers,
        @DefaultValue("10s") @DurationMin(millis = 1) Duration replayTimeout,
        @DefaultValue("4096") @Min(1) int socketBuffer,
        @DefaultValue("true") boolean partitionAffinity,
        @DefaultValue("5s") @DurationMin(millis = 0) Duration replayWait,
        @DefaultValue("2") @Min(1) int replayPerUser) {}
