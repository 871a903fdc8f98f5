package dev.sluice.worker.loop;

import dev.sluice.schemas.crypto.ConversationTakenException;
import dev.sluice.schemas.event.StreamEvent;
import dev.sluice.schemas.topic.Topics;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;

/**
 * Turns one response's text pieces into numbered chunk events on {@code chat.stream}.
 *
 * <p>The first piece goes out at once: time to first token is what a user feels. After it a
 * piece goes out alone only when the stream's previous chunk is acknowledged and at least the
 * coalescing window has passed since it was sent; otherwise it waits in the buffer and the
 * worker's {@link ChunkFlusher} sends everything buffered as one event on its next tick. Under
 * light load (tokens further apart than the window) every token still travels alone with no
 * added delay; under load the number of events per stream is bounded by one per window and one
 * per broker round trip, so the cost of the path (produce, broker, fetch, route, SSE write)
 * follows events, not tokens, and falls per token as load rises.
 *
 * <p>Sequence numbers stay exact per event, which is all that resume, dedupe and takeover rely
 * on. Every send happens under this object's lock, so the events of one response reach the
 * producer, and so the partition, in sequence order.
 *
 * <p>The gate (the output safety check) sees each event's text once, just before it is sent: its
 * cost, like the rest of the path's, follows events rather than tokens. A chunk the gate refuses
 * is not sent, and nothing after it is.
 */
final class ChunkCoalescer {
    private final String correlationId;
    private final @Nullable String conversationId;
    private final @Nullable String userId;
    private final Producer<String, Object> producer;
    private final ChunkFlusher flusher;
    private final long windowNanos;
    private final Predicate<String> gate;
    private final StringBuilder pending = new StringBuilder();
    /** Everything sent, after what an earlier worker sent: what the client got, for the completion record. */
    private final StringBuilder sent;

    private long seq;
    private boolean sentAny;
    /** Cleared by the producer's I/O thread, which must never wait for this object's lock (a send blocked on a full buffer holds it). */
    private volatile boolean inFlight;
    /** The first chunk Kafka refused, if any: set by the producer's I/O thread. */
    private volatile @Nullable Exception failure;

    private boolean queued;
    private boolean closed;
    /** Its conversation was erased while it streamed: nothing more may be sealed for it. */
    private volatile boolean erased;

    private long lastSentNanos;
    private long events;

    ChunkCoalescer(String correlationId, long seqAlreadySent, Producer<String, Object> producer, ChunkFlusher flusher) {
        this(correlationId, null, null, seqAlreadySent, "", producer, flusher, text -> true);
    }

    /**
     * @param textAlreadySent what an earlier worker already streamed of this response (a takeover)
     * @param gate            true when a chunk's text may be sent; false stops the stream's output
     * @param conversationId  with {@code userId}, whose data key seals the chunks' text
     */
    ChunkCoalescer(
            String correlationId,
            @Nullable String conversationId,
            @Nullable String userId,
            long seqAlreadySent,
            String textAlreadySent,
            Producer<String, Object> producer,
            ChunkFlusher flusher,
            Predicate<String> gate) {
        this.correlationId = correlationId;
        this.conversationId = conversationId;
        this.userId = userId;
        this.seq = seqAlreadySent;
        this.sent = new StringBuilder(textAlreadySent);
        this.gate = gate;
        this.producer = producer;
        this.flusher = flusher;
        this.windowNanos = flusher.windowNanos();
    }

    /** A piece of text from the engine; sent now or buffered for the next flush. */
    synchronized void add(String piece) {
        if (closed) return;
        pending.append(piece);
        if (!sentAny || !flusher.coalescing() || (!inFlight && System.nanoTime() - lastSentNanos >= windowNanos)) {
            send();
        } else if (!queued) {
            queued = true;
            flusher.enqueue(this);
        }
    }

    /**
     * Called by the flusher: sends what is buffered unless the previous chunk is still in flight.
     * @return true when this stream still holds text and must be visited again
     */
    synchronized boolean flush() {
        if (closed || pending.isEmpty()) {
            queued = false;
            return false;
        }
        if (inFlight) return true;
        send();
        queued = false;
        return false;
    }

    /**
     * Sends whatever is still buffered, whatever the window, and closes: the caller's terminal
     * event follows with the returned sequence number, after every chunk.
     */
    synchronized long finish() {
        if (!closed && !pending.isEmpty()) send();
        closed = true;
        return ++seq;
    }

    synchronized long events() {
        return events;
    }

    /** The whole text the client has been sent (with a taken-over prefix). */
    synchronized String sentText() {
        return sent.toString();
    }

    private void send() {
        String text = pending.toString();
        pending.setLength(0);
        if (!gate.test(text)) {
            closed = true;
            return;
        }
        sent.append(text);
        sentAny = true;
        inFlight = true;
        lastSentNanos = System.nanoTime();
        events++;
        try {
            producer.send(
                    new ProducerRecord<>(
                            Topics.CHAT_STREAM.name(),
                            correlationId,
                            StreamEvent.chunk(correlationId, ++seq, text, false).scoped(conversationId, userId)),
                    (md, e) -> acknowledged(e));
        } catch (RuntimeException e) {
            if (!ConversationTakenException.in(e)) throw e;
            // Erased mid-stream (its key is gone): the rest of the answer is dropped, not sealed anew.
            inFlight = false;
            closed = true;
            erased = true;
        }
    }

    /** True once a chunk could not be sealed because its conversation was erased. */
    boolean erased() {
        return erased;
    }

    private void acknowledged(@Nullable Exception e) {
        if (e != null && failure == null) failure = e;
        inFlight = false;
    }

    /**
     * The first chunk that could not be written, or null. Complete once a later record of the
     * same stream (its terminal event) is acknowledged: a producer answers one partition's sends in order.
     */
    @Nullable
    Exception failure() {
        return failure;
    }
}
