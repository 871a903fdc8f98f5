package dev.sluice.schemas.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
}
