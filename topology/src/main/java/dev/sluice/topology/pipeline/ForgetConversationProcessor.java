package dev.sluice.topology.pipeline;

import static dev.sluice.topology.pipeline.TopologyNames.CONTEXT_STORE;
import static dev.sluice.topology.pipeline.TopologyNames.VAULT_STORE;

import dev.sluice.schemas.event.ConversationErased;
import dev.sluice.topology.context.ConversationContext;
import dev.sluice.guard.pii.PiiVault;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * An erased conversation leaves the topology too: its turns and its PII vault are deleted (the
 * deletes reach the stores' changelogs as tombstones, so compaction removes them from Kafka).
 * Idempotent: erasing twice deletes nothing the second time.
 */
final class ForgetConversationProcessor implements Processor<String, ConversationErased, Void, Void> {
    private KeyValueStore<String, ConversationContext> conversations;
    private KeyValueStore<String, PiiVault.Snapshot> vaults;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        conversations = context.getStateStore(CONTEXT_STORE);
        vaults = context.getStateStore(VAULT_STORE);
    }

    @Override
    public void process(Record<String, ConversationErased> record) {
        String id = record.value() == null ? record.key() : record.value().conversationId();
        if (id == null) return;
        conversations.delete(id);
        vaults.delete(id);
    }
}
