package dev.sluice.schemas.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DataKeyCipherTest {
    private static final ContentScope ALICE = new ContentScope("alice", "conv-1");
    private static final byte[] AAD = "aad".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TEXT = "hello".getBytes(StandardCharsets.UTF_8);

    private final InMemoryDataKeyStore store = new InMemoryDataKeyStore();
    private final AtomicLong now = new AtomicLong();
    private final LocalKeyProvider provider = new LocalKeyProvider(new byte[32]);
    private final DataKeyCipher cipher = new DataKeyCipher(store, provider, Duration.ofMinutes(2), now::get);

    @Test
    void anotherProcessWithTheSameMasterKeyOpensWhatThisOneSealed() {
        byte[] sealed = cipher.seal(ALICE, AAD, TEXT);
        DataKeyCipher other = new DataKeyCipher(store, new LocalKeyProvider(new byte[32]), Duration.ofMinutes(2));

        assertThat(other.open(AAD, sealed)).isEqualTo(TEXT);
    }

    @Test
    void aConversationIdHasOneOwner() {
        byte[] a = cipher.seal(ALICE, AAD, TEXT);

        assertThatThrownBy(() -> cipher.seal(new ContentScope("bob", "conv-1"), AAD, TEXT))
                .isInstanceOf(ConversationTakenException.class);
        assertThatThrownBy(() -> cipher.require(new ContentScope("bob", "conv-1")))
                .isInstanceOf(ConversationTakenException.class);
        assertThat(Envelope.keyId(a)).isEqualTo(Envelope.keyId(cipher.seal(ALICE, AAD, TEXT)));
        assertThat(Envelope.keyId(cipher.seal(new ContentScope("bob", "conv-2"), AAD, TEXT)))
                .isNotEqualTo(Envelope.keyId(a));
    }

    @Test
    void aDestroyedKeyIsFinalOnceTheCacheForgetsIt() {
        byte[] sealed = cipher.seal(ALICE, AAD, TEXT);
        store.destroy(ALICE);
        cipher.forget(ALICE);

        assertThatThrownBy(() -> cipher.open(AAD, sealed)).isInstanceOf(KeyDestroyedException.class);
        now.addAndGet(Duration.ofMinutes(3).toNanos());
        assertThatThrownBy(() -> cipher.open(AAD, sealed)).isInstanceOf(KeyDestroyedException.class);
        assertThat(Envelope.keyId(cipher.seal(ALICE, AAD, TEXT)))
                .as("a new turn gets a new key")
                .isNotEqualTo(Envelope.keyId(sealed));
    }

    @Test
    void aKeyDestroyedElsewhereIsNoticedWhenTheCachedEntryExpires() {
        byte[] sealed = cipher.seal(ALICE, AAD, TEXT);
        store.destroy(ALICE);

        assertThat(cipher.open(AAD, sealed)).as("still cached").isEqualTo(TEXT);
        now.addAndGet(Duration.ofMinutes(2).toNanos());
        assertThatThrownBy(() -> cipher.open(AAD, sealed)).isInstanceOf(KeyDestroyedException.class);
    }

    @Test
    void duringAnOutageCachedKeysKeepWorkingAndNewConversationsAreRefused() {
        byte[] sealed = cipher.seal(ALICE, AAD, TEXT);
        store.down(true);
        now.addAndGet(Duration.ofMinutes(5).toNanos());

        assertThat(cipher.open(AAD, sealed)).as("a stream in flight").isEqualTo(TEXT);
        assertThat(cipher.seal(ALICE, AAD, TEXT)).isNotNull();
        assertThatThrownBy(() -> cipher.require(ALICE))
                .as("a new chat needs a key the store confirms")
                .isInstanceOf(KeysUnavailableException.class);
        assertThatThrownBy(() -> cipher.require(new ContentScope("bob", "new")))
                .isInstanceOf(KeysUnavailableException.class);
        assertThatThrownBy(() -> cipher.open(AAD, Envelope.seal(EnvelopeTest.randomKey(), AAD, TEXT)))
                .isInstanceOf(KeysUnavailableException.class);
    }

    @Test
    void aKeyWrappedUnderAnotherMasterKeyIsUnavailableNotDestroyed() {
        byte[] sealed = cipher.seal(ALICE, AAD, TEXT);
        byte[] otherMaster = new byte[32];
        otherMaster[0] = 1;
        DataKeyCipher other = new DataKeyCipher(store, new LocalKeyProvider(otherMaster), Duration.ofMinutes(2));

        assertThatThrownBy(() -> other.open(AAD, sealed)).isInstanceOf(KeysUnavailableException.class);
    }

    @Test
    void prefetchLoadsAPollsKeysInOneStoreCallAndTheRecordsThenOpenWithoutOne() {
        ContentScope bob = new ContentScope("bob", "conv-2");
        ContentScope carol = new ContentScope("carol", "conv-3");
        byte[] a = cipher.seal(ALICE, AAD, TEXT);
        byte[] b = cipher.seal(bob, AAD, TEXT);
        byte[] c = cipher.seal(carol, AAD, TEXT);
        store.destroy(carol);
        int findsBefore = store.finds();
        DataKeyCipher worker = new DataKeyCipher(store, provider, Duration.ofMinutes(2), now::get);

        worker.prefetch(List.of(Envelope.keyId(a), Envelope.keyId(b), Envelope.keyId(c), Envelope.keyId(a)));

        assertThat(store.batches()).hasSize(1);
        assertThat(store.batches().getFirst())
                .containsExactlyInAnyOrder(Envelope.keyId(a), Envelope.keyId(b), Envelope.keyId(c));
        assertThat(worker.open(AAD, a)).isEqualTo(TEXT);
        assertThat(worker.open(AAD, b)).isEqualTo(TEXT);
        assertThatThrownBy(() -> worker.open(AAD, c)).isInstanceOf(KeyDestroyedException.class);
        assertThat(store.finds() - findsBefore)
                .as("every record opened from what the prefetch loaded")
                .isZero();

        worker.prefetch(List.of(Envelope.keyId(a), Envelope.keyId(c)));
        assertThat(store.batches()).as("keys at hand are not asked for again").hasSize(1);
        now.addAndGet(Duration.ofMinutes(3).toNanos());
        worker.prefetch(List.of(Envelope.keyId(a)));
        assertThat(store.batches()).as("an expired entry is").hasSize(2);
    }

    @Test
    void aPrefetchDuringAnOutageLeavesEachRecordToItsOwnOpen() {
        byte[] sealed = cipher.seal(ALICE, AAD, TEXT);
        DataKeyCipher worker = new DataKeyCipher(store, provider, Duration.ofMinutes(2), now::get);
        store.down(true);

        worker.prefetch(List.of(Envelope.keyId(sealed)));

        assertThatThrownBy(() -> worker.open(AAD, sealed)).isInstanceOf(KeysUnavailableException.class);
        store.down(false);
        assertThat(worker.open(AAD, sealed)).as("not remembered as destroyed").isEqualTo(TEXT);
    }
}
