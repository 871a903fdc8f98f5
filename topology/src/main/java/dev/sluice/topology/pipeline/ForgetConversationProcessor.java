package dev.sluice.topology.pipeline;

import static dev.sluice.topology.pipeline.TopologyNames.CONTEXT_STORE;
import static dev.sluice.topology.pipeline.TopologyNames.VAULT_STORE;

import dev.sluice.guard.pii.PiiVault;
import dev.sluice.schemas.event.ConversationErased;
import dev.sluice.topology.context.ConversationContext;
import dev.sluice.topology.context.ConversationKey;
import dev.sluice.topology.context.DecodedContextStore;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * An erased conversation leaves the topology too: its owner's turns and PII vault are deleted (the
 * deletes reach the stores' changelogs as tombstones, so compaction removes them from Kafka).
 * Idempotent: erasing twice deletes nothing the second time. Nothing here reads a stored history:
 * the conversation's key may already be gone from this process ({@link DecodedContextStore#delete}).
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
        ConversationErased erased = record.value();
        String id = erased == null ? record.key() : erased.conversationId();
        if (id == null) return;
        if (erased != null && erased.userId() != null && !erased.userId().isBlank()) {
            String key = ConversationKey.of(erased.userId(), id);
            conversations.delete(key);
            vaults.delete(key);
            return;
        }
        // No owner named: every user's state under this id goes (keys share the id as prefix).
        // Keys only: the values are not read (opening them would fail once the erased key is gone).
        DecodedContextStore store = DecodedContextStore.of(conversations);
        List<String> keys = new ArrayList<>();
        if (store != null) {
            keys.addAll(store.keysWithPrefix(ConversationKey.prefix(id)));
        } else {
            try (KeyValueIterator<String, ConversationContext> it =
                    conversations.prefixScan(ConversationKey.prefix(id), new StringSerializer())) {
                it.forEachRemaining(kv -> keys.add(kv.key));
            }
        }
        try (KeyValueIterator<String, PiiVault.Snapshot> it =
                vaults.prefixScan(ConversationKey.prefix(id), new StringSerializer())) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        keys.forEach(k -> {
            conversations.delete(k);
            vaults.delete(k);
        });
    }
}
