package dev.sluice.schemas.crypto;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Collects the data keys a poll's sealed records name and hands them to
 * {@link ContentCipher#prefetch} at once. A role that reads records of many new conversations
 * (a worker taking prompts, the sink, a gateway's stream router in its own process) otherwise
 * asks the key store once per record, on its only loop thread, and every new conversation's first
 * record waits a PostgreSQL round trip behind the one before it.
 */
public final class KeyPrefetch {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(KeyPrefetch.class);

    private KeyPrefetch() {}

    /**
     * Prefetches the keys of {@code records}' values; a no-op when encryption is off or no value
     * is sealed. Never throws: it runs on a role's loop thread before the records are opened, and
     * whatever went wrong here each record's own open reports where it is handled.
     */
    public static void of(ContentCipher cipher, Iterable<? extends ConsumerRecord<?, byte[]>> records) {
        if (!cipher.enabled()) return;
        try {
            Set<UUID> ids = new LinkedHashSet<>();
            for (ConsumerRecord<?, byte[]> r : records) {
                UUID id = SealedJsonSerde.keyId(r.value());
                if (id != null) ids.add(id);
            }
            if (!ids.isEmpty()) cipher.prefetch(ids);
        } catch (RuntimeException e) {
            log.debug("key prefetch skipped: {}", e.toString());
        }
    }
}
