package dev.sluice.worker.loop;

import dev.sluice.guard.Action;
import dev.sluice.guard.safety.OutputSafetyMonitor;
import dev.sluice.guard.safety.SafetyViolation;
import dev.sluice.schemas.crypto.ConversationTakenException;
import dev.sluice.schemas.event.ChatMessage;
import dev.sluice.schemas.event.CompletionRecorded;
import dev.sluice.schemas.event.PromptReady;
import dev.sluice.schemas.event.StreamEvent;
import dev.sluice.schemas.event.Timings;
import dev.sluice.schemas.event.Usage;
import dev.sluice.schemas.topic.Topics;
import dev.sluice.worker.engine.EngineException;
import dev.sluice.worker.engine.GenerationListener;
import dev.sluice.worker.engine.GenerationResult;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;

/**
 * Publishes one sequence's output: its pieces as numbered chunks on {@code chat.stream} (one
 * piece or several merged, see {@link ChunkCoalescer}), then {@code done} and the final result
 * on {@code chat.completions}. {@code onFinished} runs once the terminal event and the
 * completion are acknowledged, with the failure if any record of the answer could not be
 * written, so the loop commits the prompt's offset only after its whole answer is durable.
 */
final class ResponseStreamer implements GenerationListener {
    private final PromptReady prompt;
    private final Producer<String, Object> producer;
    private final Consumer<@Nullable Exception> onFinished;
    private final WorkerMetrics metrics;
    private final OutputSafetyMonitor safety;
    private volatile Runnable stopGeneration = () -> {};
    /** Set by whichever thread sent the refused chunk (engine or flusher); read by the engine thread. */
    private volatile @Nullable SafetyViolation violation;

    private final long startedAtMs = System.currentTimeMillis();
    private final ChunkCoalescer chunks;
    private @Nullable Long firstTokenAtMs;
    private long lastTokenNanos;

    ResponseStreamer(
            PromptReady prompt,
            long seqAlreadySent,
            String textAlreadySent,
            Producer<String, Object> producer,
            ChunkFlusher flusher,
            WorkerMetrics metrics,
            OutputSafetyMonitor safety,
            Consumer<@Nullable Exception> onFinished) {
        this.safety = safety;
        this.prompt = prompt;
        this.chunks = new ChunkCoalescer(
                prompt.correlationId(),
                prompt.conversationId(),
                prompt.userId(),
                seqAlreadySent,
                textAlreadySent,
                producer,
                flusher,
                this::allowed);
        this.producer = producer;
        this.metrics = metrics;
        this.onFinished = onFinished;
    }

    /** How to stop the sequence when its output violates the safety policy. */
    void stopWith(Runnable stop) {
        this.stopGeneration = stop;
    }

    /**
     * The output safety check, run on each chunk's text just before it is sent (under the chunk's
     * lock, so one monitor sees the pieces in order): once per event, not per token.
     */
    private boolean allowed(String chunk) {
        if (safety == null) return true;
        var found = safety.accept(chunk).filter(v -> v.action() == Action.BLOCK);
        if (found.isEmpty()) return true;
        violation = found.get();
        stopGeneration.run();
        return false;
    }

    @Override
    public void onText(String piece, int tokens) {
        if (violation != null) return;
        long now = System.nanoTime();
        if (firstTokenAtMs == null) {
            firstTokenAtMs = System.currentTimeMillis();
            metrics.firstToken(firstTokenAtMs - prompt.acceptedAtMs());
        } else {
            metrics.interToken((now - lastTokenNanos) / 1e9);
        }
        lastTokenNanos = now;
        chunks.add(piece);
        if (chunks.erased()) stopGeneration.run();
    }

    @Override
    public void onComplete(GenerationResult given) {
        long doneSeq = chunks.finish();
        metrics.chunkEvents(chunks.events());
        // Output that broke the safety policy ends like OpenAI's filtered answers. After finish: a chunk
        // still buffered was checked and sent (or refused) by then.
        GenerationResult result = violation == null
                ? given
                : new GenerationResult(
                        given.promptTokens(), given.completionTokens(), "content_filter", given.engineTtftMs());
        Usage usage = new Usage(result.promptTokens(), result.completionTokens());
        metrics.completed(result, System.currentTimeMillis() - prompt.acceptedAtMs());
        // Settled once both the terminal event (after every chunk on its partition) and the completion are
        // acknowledged.
        Consumer<@Nullable Exception> settled = afterBoth();
        send(
                new ProducerRecord<>(
                        Topics.CHAT_STREAM.name(),
                        prompt.correlationId(),
                        StreamEvent.done(prompt.correlationId(), doneSeq, usage, result.finishReason(), false)
                                .scoped(prompt.conversationId(), prompt.userId())),
                settled);
        long now = System.currentTimeMillis();
        CompletionRecorded completion = new CompletionRecorded(
                prompt.correlationId(),
                prompt.conversationId(),
                prompt.userId(),
                prompt.model(),
                lastUserMessage(),
                chunks.sentText(),
                usage,
                result.finishReason(),
                false,
                "stop".equals(result.finishReason()) ? prompt.cacheKey() : "",
                new Timings(
                        prompt.acceptedAtMs(),
                        prompt.routedAtMs(),
                        startedAtMs,
                        firstTokenAtMs,
                        now,
                        result.engineTtftMs()));
        send(new ProducerRecord<>(Topics.CHAT_COMPLETIONS.name(), prompt.conversationId(), completion), settled);
    }

    @Override
    public void onError(EngineException error) {
        metrics.failed(error.code());
        send(
                new ProducerRecord<>(
                        Topics.CHAT_STREAM.name(),
                        prompt.correlationId(),
                        StreamEvent.error(prompt.correlationId(), chunks.finish(), error.code(), error.getMessage())
                                .scoped(prompt.conversationId(), prompt.userId())),
                e -> onFinished.accept(e != null ? e : chunks.failure()));
    }

    /**
     * A record of a conversation erased while it streamed cannot be sealed (its key is gone, and
     * no new one is made for an erased id): it is dropped, which settles like an acknowledged
     * send, since the owner asked for exactly that. Any other failure to send stays a failure.
     */
    private void send(ProducerRecord<String, Object> record, Consumer<@Nullable Exception> answered) {
        try {
            producer.send(record, (md, e) -> answered.accept(e));
        } catch (RuntimeException e) {
            if (!ConversationTakenException.in(e)) throw e;
            answered.accept(null);
        }
    }

    /**
     * Runs {@code onFinished} once two sends are answered, with the first failure among them and
     * the stream's chunks: a chunk Kafka refused leaves a hole in the client's stream, so the
     * prompt's offset must not move past it (the answer is given again after a restart).
     */
    private Consumer<@Nullable Exception> afterBoth() {
        AtomicInteger left = new AtomicInteger(2);
        AtomicReference<@Nullable Exception> failed = new AtomicReference<>();
        return e -> {
            if (e != null) failed.compareAndSet(null, e);
            if (left.decrementAndGet() > 0) return;
            Exception first = failed.get();
            onFinished.accept(first != null ? first : chunks.failure());
        };
    }

    private @Nullable String lastUserMessage() {
        for (int i = prompt.messages().size() - 1; i >= 0; i--) {
            ChatMessage m = prompt.messages().get(i);
            if ("user".equals(m.role())) return m.content();
        }
        return null;
    }
}
