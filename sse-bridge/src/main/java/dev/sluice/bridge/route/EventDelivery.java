package dev.sluice.bridge.route;

import dev.sluice.schemas.crypto.ContentCipher;
import dev.sluice.schemas.crypto.KeyDestroyedException;
import dev.sluice.schemas.crypto.KeyPrefetch;
import dev.sluice.schemas.event.StreamEvent;
import dev.sluice.schemas.metrics.MeterNames;
import dev.sluice.schemas.topic.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link StreamRouter}'s hand-over of one {@code chat.stream} record to the subscriptions of
 * its correlation id, on the routing thread. Values stay bytes until a record turns out to be for
 * a connection held here: what a shared partition holds for other gateways is counted and
 * skipped without parsing its JSON. Routed events are counted and their delivery lag timed.
 */
final class EventDelivery {
    private static final Logger log = LoggerFactory.getLogger(EventDelivery.class);

    private final Map<String, List<Subscription>> subscribers;
    private final Deserializer<StreamEvent> values;
    private final ContentCipher cipher;
    private final Counter routed;
    private final Counter skipped;
    private final Timer deliveryLag;

    EventDelivery(Map<String, List<Subscription>> subscribers, ContentCipher cipher, MeterRegistry meters) {
        this.subscribers = subscribers;
        this.cipher = cipher;
        this.values = Topics.CHAT_STREAM.valueSerde(cipher).deserializer();
        this.routed = Counter.builder(MeterNames.BRIDGE_EVENTS_ROUTED).register(meters);
        this.skipped = Counter.builder(MeterNames.BRIDGE_EVENTS_SKIPPED)
                .description(
                        "chat.stream records read for streams not held here (the price of partitions shared with other gateways)")
                .register(meters);
        this.deliveryLag = Timer.builder(MeterNames.BRIDGE_DELIVERY_LATENCY)
                .description("from the producer's timestamp to the router handing the event to a connection")
                .publishPercentileHistogram()
                .register(meters);
    }

    /**
     * Loads, in one key-store call, the keys of the streams held here that have not shown an
     * event yet: in a gateway of its own, every new stream's first event would otherwise wait a
     * key lookup on the router thread, one after another. This runs for every poll of the token
     * path, so a stream already under way (its key was needed, and is cached) and a second record
     * of a stream in the same poll cost a map lookup, not a key id read.
     */
    void prefetch(Iterable<ConsumerRecord<String, byte[]>> records) {
        if (!cipher.enabled()) return;
        List<ConsumerRecord<String, byte[]>> firsts = new java.util.ArrayList<>(0);
        java.util.Set<String> seen = new java.util.HashSet<>(0);
        for (ConsumerRecord<String, byte[]> r : records) {
            String key = r.key();
            if (key == null) continue;
            List<Subscription> list = subscribers.get(key);
            if (list == null || list.isEmpty() || list.getFirst().lastAcceptedSeq() > 0) continue;
            if (seen.add(key)) firsts.add(r);
        }
        if (!firsts.isEmpty()) KeyPrefetch.of(cipher, firsts);
    }

    void route(ConsumerRecord<String, byte[]> record) {
        List<Subscription> list = subscribers.get(record.key());
        if (list == null || record.value() == null) {
            skipped.increment();
            return;
        }
        StreamEvent event = decode(record);
        if (event == null) return;
        for (Subscription s : list) s.offer(event);
        routed.increment();
        deliveryLag.record(Math.max(0, System.currentTimeMillis() - record.timestamp()), TimeUnit.MILLISECONDS);
    }

    /** A record that is not a stream event is skipped with its coordinates, never allowed to stop routing. */
    private @Nullable StreamEvent decode(ConsumerRecord<String, byte[]> record) {
        try {
            return values.deserialize(record.topic(), record.value());
        } catch (KeyDestroyedException e) {
            // Its conversation was erased while the stream was open: nothing of it is shown again.
            cipher.countShredded();
            return null;
        } catch (RuntimeException e) {
            log.error(
                    "skipping unreadable record {}-{}@{} (key {}): {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    record.key(),
                    e.toString());
            return null;
        }
    }
}
