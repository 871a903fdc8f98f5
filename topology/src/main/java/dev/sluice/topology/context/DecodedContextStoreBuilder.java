package dev.sluice.topology.context;

import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/** Builds a {@link DecodedContextStore} around what {@code inner} builds; name, logging and caching are the inner builder's. */
final class DecodedContextStoreBuilder implements StoreBuilder<KeyValueStore<String, ConversationContext>> {
    private final StoreBuilder<KeyValueStore<String, ConversationContext>> inner;
    private final int maxEntries;
    private final long maxChars;

    DecodedContextStoreBuilder(
            StoreBuilder<KeyValueStore<String, ConversationContext>> inner, int maxEntries, long maxChars) {
        this.inner = inner;
        this.maxEntries = maxEntries;
        this.maxChars = maxChars;
    }

    @Override
    public StoreBuilder<KeyValueStore<String, ConversationContext>> withCachingEnabled() {
        inner.withCachingEnabled();
        return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<String, ConversationContext>> withCachingDisabled() {
        inner.withCachingDisabled();
        return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<String, ConversationContext>> withLoggingEnabled(Map<String, String> config) {
        inner.withLoggingEnabled(config);
        return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<String, ConversationContext>> withLoggingDisabled() {
        inner.withLoggingDisabled();
        return this;
    }

    @Override
    public KeyValueStore<String, ConversationContext> build() {
        return new DecodedContextStore(inner.build(), maxEntries, maxChars);
    }

    @Override
    public Map<String, String> logConfig() {
        return inner.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
        return inner.loggingEnabled();
    }

    @Override
    public String name() {
        return inner.name();
    }
}
