package dev.sluice.topology.pipeline;

import static dev.sluice.topology.pipeline.TopologyNames.CONTEXT_STORE;

import dev.sluice.schemas.event.ChatMessage;
import dev.sluice.schemas.event.CompletionRecorded;
import dev.sluice.topology.context.ConversationContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Adds each finished assistant answer to its conversation's context. */
final class RememberAnswerProcessor implements Processor<String, CompletionRecorded, Void, Void> {
    private KeyValueStore<String, ConversationContext> conversations;
    private ProcessorContext<Void, Void> context;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        conversations = context.getStateStore(CONTEXT_STORE);
    }

    @Override
    public void process(Record<String, CompletionRecorded> record) {
        CompletionRecorded done = record.value();
        if (done == null || done.content().isEmpty()) return;
        ConversationContext stored = conversations.get(done.conversationId());
        if (stored == null || !stored.userId().equals(done.userId())) return;
        conversations.put(done.conversationId(), stored.append(ChatMessage.assistant(done.content()), context.currentSystemTimeMs()));
    }
}
