package dev.sluice.schemas.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class EnvelopeTest {
    private static final byte[] AAD = EventSealing.aad("stream", "corr-1", 3, "CHUNK");
    private static final byte[] TEXT = "the planted secret".getBytes(StandardCharsets.UTF_8);

    @Test
    void opensWhatItSealedUnderTheSameKeyAndAssociatedData() {
        DataKey key = randomKey();
        byte[] sealed = Envelope.seal(key, AAD, TEXT);

        assertThat(sealed).hasSize(TEXT.length + Envelope.OVERHEAD);
        assertThat(sealed[0]).isEqualTo(Envelope.VERSION);
        assertThat(Envelope.keyId(sealed)).isEqualTo(key.id());
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("planted");
        assertThat(Envelope.open(key, AAD, sealed)).isEqualTo(TEXT);
    }

    @Test
    void manyVirtualThreadsSealAndOpenAtOnceWithoutMixingCiphersAndTheReusePoolStaysBounded() throws Exception {
        // The gateway and the remote-engine streams seal on virtual threads, one per request:
        // ciphers are shared through a pool, so one in use by two threads would corrupt a record.
        DataKey key = randomKey();
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var results = new java.util.ArrayList<java.util.concurrent.Future<Boolean>>();
            for (int t = 0; t < 400; t++) {
                byte[] text = ("record " + t + " of many").getBytes(StandardCharsets.UTF_8);
                byte[] aad = EventSealing.aad("stream", "corr-" + t, t, "CHUNK");
                results.add(threads.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        if (!java.util.Arrays.equals(Envelope.open(key, aad, Envelope.seal(key, aad, text)), text))
                            return false;
                    }
                    return true;
                }));
            }
            for (var r : results) assertThat(r.get()).isTrue();
        }
        assertThat(Envelope.pooled()).isBetween(1, 64);
    }

    @Test
    void everySealingUsesAFreshNonce() {
        DataKey key = randomKey();
        assertThat(Envelope.seal(key, AAD, TEXT)).isNotEqualTo(Envelope.seal(key, AAD, TEXT));
    }

    @Test
    void noNonceRepeatsAcrossThreadsSealingUnderOneKey() throws Exception {
        // GCM under one key must never see a nonce twice: 8 threads x 20,000 seals, every nonce distinct.
        DataKey key = randomKey();
        var nonces = java.util.concurrent.ConcurrentHashMap.<String>newKeySet();
        var all = new java.util.concurrent.atomic.AtomicInteger();
        try (var threads = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            var done = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (int t = 0; t < 8; t++) {
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        byte[] sealed = Envelope.seal(key, AAD, TEXT);
                        nonces.add(java.util.HexFormat.of()
                                .formatHex(sealed, Envelope.HEADER, Envelope.HEADER + Envelope.NONCE));
                        all.incrementAndGet();
                    }
                }));
            }
            for (var d : done) d.get();
        }
        assertThat(all.get()).isEqualTo(160_000);
        assertThat(nonces).hasSize(160_000);
    }

    @Test
    void refusesToOpenUnderOtherAssociatedData() {
        DataKey key = randomKey();
        byte[] sealed = Envelope.seal(key, AAD, TEXT);

        assertThatThrownBy(() -> Envelope.open(key, EventSealing.aad("stream", "corr-1", 4, "CHUNK"), sealed))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("does not open");
        assertThatThrownBy(() -> Envelope.open(key, EventSealing.aad("stream", "corr-2", 3, "CHUNK"), sealed))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void refusesATamperedCiphertextNonceOrKeyId() {
        DataKey key = randomKey();
        for (int at : new int[] {Envelope.HEADER + 2, Envelope.HEADER + Envelope.NONCE + 1, sealedLength() - 1}) {
            byte[] sealed = Envelope.seal(key, AAD, TEXT);
            sealed[at] ^= 1;
            assertThatThrownBy(() -> Envelope.open(key, AAD, sealed))
                    .as("byte %d flipped", at)
                    .isInstanceOf(SerializationException.class);
        }
        byte[] sealed = Envelope.seal(key, AAD, TEXT);
        sealed[5] ^= 1;
        assertThatThrownBy(() -> Envelope.open(key, AAD, sealed))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("names data key");
    }

    @Test
    void refusesAnotherKeyAnUnknownVersionAndATruncatedEnvelope() {
        DataKey key = randomKey();
        byte[] sealed = Envelope.seal(key, AAD, TEXT);
        DataKey sameIdOtherBytes =
                new DataKey(key.id(), key.scope(), randomKey().key());

        assertThatThrownBy(() -> Envelope.open(sameIdOtherBytes, AAD, sealed))
                .isInstanceOf(SerializationException.class);
        byte[] future = sealed.clone();
        future[0] = 2;
        assertThatThrownBy(() -> Envelope.keyId(future)).hasMessageContaining("unknown envelope version 2");
        assertThatThrownBy(() -> Envelope.keyId(new byte[10])).hasMessageContaining("truncated");
    }

    @Test
    void anUnknownKeyIdReadsAsDestroyedThroughTheCipher() {
        DataKeyCipher cipher = new DataKeyCipher(
                new InMemoryDataKeyStore(), new LocalKeyProvider(new byte[32]), java.time.Duration.ofMinutes(2));
        byte[] sealed = Envelope.seal(randomKey(), AAD, TEXT);

        assertThatThrownBy(() -> cipher.open(AAD, sealed)).isInstanceOf(KeyDestroyedException.class);
    }

    private static int sealedLength() {
        return TEXT.length + Envelope.OVERHEAD;
    }

    static DataKey randomKey() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return new DataKey(UUID.randomUUID(), new ContentScope("alice", "conv-1"), new SecretKeySpec(raw, "AES"));
    }
}
