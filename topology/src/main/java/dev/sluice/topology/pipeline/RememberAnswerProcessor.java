package dev.sluice.topology.pipeline;

import static dev.sluice.topology.pipeline.TopologyNames.CONTEXT_STORE;

import dev.sluice.schemas.event.ChatMessage;
import dev.sluice.schemas.event.CompletionRecorded;
import dev.sluice.topology.context.ConversationContext;
import dev.sluice.topology.context.ConversationKey;
import dev.sluice.topology.context.HistoryLimits;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Adds each finished assistant answer to its conversation's context, within the history bound. */
final class RememberAnswerProcessor implements Processor<String, CompletionRecorded, Void, Void> {
    private final HistoryLimits limits;
    private KeyValueStore<String, ConversationContext> conversations;
    private ProcessorContext<Void, Void> context;

    RememberAnswerProcessor(HistoryLimits limits) {
        this.limits = limits;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        conversations = context.getStateStore(CONTEXT_STORE);
    }

    @Override
    public void process(Record<String, CompletionRecorded> record) {
        CompletionRecorded done = record.value();
        if (done == null
                || done.content() == null
                || done.content().isEmpty()
                || done.userId() == null
                || done.conversationId() == null) return;
        String key = ConversationKey.of(done.userId(), done.conversationId());
        ConversationContext stored = conversations.get(key);
        if (stored == null) return;
        ConversationContext next = stored.append(ChatMessage.assistant(done.content()), context.currentSystemTimeMs());
        conversations.put(
                key,
                new ConversationContext(
                        next.userId(), limits.bound(next.turns()), next.updatedAtMs(), done.conversationId()));
    }
}
