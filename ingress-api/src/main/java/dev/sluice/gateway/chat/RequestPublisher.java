package dev.sluice.gateway.chat;

import dev.sluice.gateway.api.ApiException;
import dev.sluice.gateway.web.AdmissionClock;
import dev.sluice.schemas.crypto.ContentCipher;
import dev.sluice.schemas.crypto.ContentScope;
import dev.sluice.schemas.crypto.ConversationTakenException;
import dev.sluice.schemas.crypto.KeysUnavailableException;
import dev.sluice.schemas.event.ChatRequested;
import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.http.HttpStatus;

/**
 * Writes accepted requests to {@code chat.requests} and waits for the broker's ack, so a 200
 * is only ever returned for a request that is durably in Kafka.
 */
public final class RequestPublisher implements AutoCloseable {
    public static final String REQUEST_ID_HEADER = "sluice-request-id";

    private final KafkaProducer<String, ChatRequested> producer;
    private final ContentCipher cipher;
    private final long ackTimeoutMs;

    /** @param cipher seals each request's messages with its conversation's data key */
    public RequestPublisher(String bootstrap, String instanceId, long ackTimeoutMs, ContentCipher cipher) {
        this.producer = new KafkaProducer<>(
                KafkaClients.producer(bootstrap, "sluice-gateway-" + instanceId),
                new StringSerializer(),
                Topics.CHAT_REQUESTS.valueSerde(cipher).serializer());
        this.cipher = cipher;
        this.ackTimeoutMs = ackTimeoutMs;
    }

    /**
     * Makes sure the conversation's data key exists and is at hand before anything is reserved or
     * claimed: when the key store is down a new chat is refused with a 503 (nothing would be able
     * to read it), while streams already in flight go on with their cached keys.
     *
     * @return false when the id is not this user's to use: its key belongs to another user, or
     *         it was erased (with encryption off every id is accepted, as before)
     */
    public boolean requireKey(String userId, String conversationId) {
        try {
            cipher.require(new ContentScope(userId, conversationId));
            return true;
        } catch (ConversationTakenException e) {
            return false;
        } catch (KeysUnavailableException e) {
            throw keysUnavailable();
        }
    }

    private static ApiException keysUnavailable() {
        return new ApiException(
                HttpStatus.SERVICE_UNAVAILABLE,
                "server_error",
                null,
                "encryption_keys_unavailable",
                "The encryption keys cannot be reached, so no new chat can be accepted now; try again shortly.",
                Map.of("Retry-After", "5"));
    }

    public void publish(ChatRequested request) {
        ProducerRecord<String, ChatRequested> record =
                new ProducerRecord<>(Topics.CHAT_REQUESTS.name(), request.conversationId(), request);
        record.headers().add(REQUEST_ID_HEADER, request.correlationId().getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(record).get(ackTimeoutMs, TimeUnit.MILLISECONDS);
            AdmissionClock.acked();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("kafka_unavailable", "The request could not be queued; try again.");
        } catch (KeysUnavailableException e) {
            throw keysUnavailable();
        } catch (ExecutionException | TimeoutException e) {
            throw ApiException.unavailable(
                    "kafka_unavailable",
                    "The request could not be queued (Kafka did not acknowledge it in time); try again.");
        }
    }

    @Override
    public void close() {
        // Bounded: without a timeout close waits for every unsent record, forever if the broker
        // is already gone (dev mode stops its embedded broker first), and the JVM never exits.
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
