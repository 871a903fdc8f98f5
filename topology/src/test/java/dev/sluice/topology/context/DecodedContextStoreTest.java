package dev.sluice.topology.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.event.ChatMessage;
import dev.sluice.schemas.serde.JsonSerde;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DecodedContextStoreTest {
    private final MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
    private DecodedContextStore store;

    @AfterEach
    void close() {
        if (store != null && store.isOpen()) store.close();
    }

    private DecodedContextStore open(int maxEntries, long maxChars) {
        store = (DecodedContextStore) DecodedContextStore.builder(
                        Stores.keyValueStoreBuilder(
                                        Stores.inMemoryKeyValueStore("conversation-context"),
                                        Serdes.String(),
                                        new JsonSerde<>(ConversationContext.class))
                                .withLoggingDisabled()
                                .withCachingDisabled(),
                        maxEntries,
                        maxChars)
                .build();
        store.init(context.getStateStoreContext(), store);
        return store;
    }

    private static ConversationContext context(String conversation, String... turns) {
        return new ConversationContext(
                "alice", List.of(turns).stream().map(ChatMessage::user).toList(), 1L, conversation);
    }

    @Test
    void aValueJustWrittenIsReadWithoutDecodingAndTheStoreHoldsTheSame() {
        open(16, 1 << 20);
        ConversationContext one = context("c1", "hello", "world");
        store.put("alice/c1", one);

        assertThat(store.get("alice/c1")).isSameAs(one);
        assertThat(store.hits()).isEqualTo(1);
        assertThat(store.wrapped().get("alice/c1")).isEqualTo(one).isNotSameAs(one);
    }

    @Test
    void aValueOnlyInTheStoreIsDecodedOnceThenServedDecoded() {
        open(16, 1 << 20);
        store.wrapped().put("alice/c1", context("c1", "from a restore"));

        ConversationContext first = store.get("alice/c1");
        ConversationContext second = store.get("alice/c1");

        assertThat(first).isEqualTo(context("c1", "from a restore"));
        assertThat(second).isSameAs(first);
        assertThat(store.misses()).isEqualTo(1);
        assertThat(store.hits()).isEqualTo(1);
    }

    @Test
    void deletesAndTombstonesLeaveNothingDecoded() {
        open(16, 1 << 20);
        store.put("alice/c1", context("c1", "a"));
        store.put("alice/c2", context("c2", "b"));

        store.delete("alice/c1");
        store.put("alice/c2", null);

        assertThat(store.get("alice/c1")).isNull();
        assertThat(store.get("alice/c2")).isNull();
    }

    @Test
    void theLeastRecentlyUsedGoPastTheEntryBoundAndReadsStayCorrect() {
        open(2, 1 << 20);
        store.put("alice/c1", context("c1", "one"));
        store.put("alice/c2", context("c2", "two"));
        store.get("alice/c1"); // c2 is now the least recently used
        store.put("alice/c3", context("c3", "three"));
        long misses = store.misses();

        assertThat(store.get("alice/c1")).isEqualTo(context("c1", "one"));
        assertThat(store.get("alice/c3")).isEqualTo(context("c3", "three"));
        assertThat(store.misses()).isEqualTo(misses);
        assertThat(store.get("alice/c2")).isEqualTo(context("c2", "two"));
        assertThat(store.misses()).isEqualTo(misses + 1);
    }

    @Test
    void aContextLargerThanTheCharacterBoundIsReadFromTheStoreEachTime() {
        open(16, 100);
        store.put("alice/big", context("big", "x".repeat(200)));
        store.put("alice/small", context("small", "y"));

        assertThat(store.get("alice/big")).isEqualTo(context("big", "x".repeat(200)));
        assertThat(store.get("alice/big")).isEqualTo(context("big", "x".repeat(200)));
        assertThat(store.misses()).isEqualTo(2);
        assertThat(store.get("alice/small")).isEqualTo(context("small", "y"));
        assertThat(store.hits()).isEqualTo(1);
    }

    @Test
    void aTaskThatWasStandbyReadsWhatWasRestoredWhileItWas() {
        open(16, 1 << 20);
        store.put("alice/c1", context("c1", "while active"));
        // Standby: the store stays open and its changelog is restored below the decoded values.
        store.wrapped().put("alice/c1", context("c1", "restored as standby"));
        store.clearDecoded(); // what the processors do when the task is active again

        assertThat(store.get("alice/c1")).isEqualTo(context("c1", "restored as standby"));
    }

    @Test
    void deletesDoNotReadTheOldValueAndExpiryReadsOnlyTheClearTime() {
        open(16, 1 << 20);
        store.put("c1/alice", new ConversationContext("alice", List.of(ChatMessage.user("x")), 42L, "c1"));
        store.put("c2/alice", new ConversationContext("alice", List.of(), 7L, "c2"));
        java.util.Map<String, Long> seen = new java.util.TreeMap<>();

        store.forEachUpdatedAt(seen::put);

        assertThat(seen).containsExactly(java.util.Map.entry("c1/alice", 42L), java.util.Map.entry("c2/alice", 7L));
        assertThat(store.keysWithPrefix("c1/")).containsExactly("c1/alice");
        assertThat(store.delete("c1/alice")).isNotNull();
        assertThat(store.delete("c1/alice")).as("gone, and not read back").isNull();
        assertThat(store.keysWithPrefix("c1/")).isEmpty();
    }

    @Test
    void aReinitialisedStoreDecodesAgainFromWhatTheStoreHolds() {
        open(16, 1 << 20);
        store.put("alice/c1", context("c1", "before"));
        // What a restore does after a task is revived: writes below the wrapper, then init again.
        store.wrapped().put("alice/c1", context("c1", "restored"));
        store.init(context.getStateStoreContext(), store);

        assertThat(store.get("alice/c1")).isEqualTo(context("c1", "restored"));
    }
}
