package dev.sluice.persistence.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.persistence.testing.EmbeddedPostgresServer;
import dev.sluice.schemas.crypto.ContentScope;
import dev.sluice.schemas.crypto.DataKeyCipher;
import dev.sluice.schemas.crypto.JdbcDataKeyStore;
import dev.sluice.schemas.crypto.KeyDestroyedException;
import dev.sluice.schemas.crypto.LocalKeyProvider;
import dev.sluice.schemas.crypto.WrappedKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The data key table of migration V2 on a real PostgreSQL. */
class JdbcDataKeyStoreTest {
    private static EmbeddedPostgresServer postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgresServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) postgres.close();
    }

    @Test
    void theFirstKeyOfAScopeWinsAndDestroyingItIsFinal() {
        JdbcDataKeyStore store = new JdbcDataKeyStore(postgres.dataSource());
        ContentScope scope = new ContentScope("alice", "conv-" + UUID.randomUUID());
        WrappedKey first = new WrappedKey(UUID.randomUUID(), scope, "local:x", new byte[] {1, 2});

        assertThat(store.findOrCreate(first).id()).isEqualTo(first.id());
        assertThat(store.findOrCreate(new WrappedKey(UUID.randomUUID(), scope, "local:x", new byte[] {3})).id()).isEqualTo(first.id());
        assertThat(store.find(first.id())).hasValueSatisfying(k -> assertThat(k.wrapped()).containsExactly(1, 2));
        assertThat(store.destroy(new ContentScope("bob", scope.conversationId()))).as("another user's scope").isZero();
        assertThat(store.destroy(scope)).isEqualTo(1);
        assertThat(store.find(first.id())).isEmpty();
    }

    @Test
    void twoProcessesShareKeysThroughTheTable() {
        LocalKeyProvider master = new LocalKeyProvider(new byte[32]);
        DataKeyCipher gateway = new DataKeyCipher(new JdbcDataKeyStore(postgres.dataSource()), master, Duration.ofMinutes(2));
        DataKeyCipher worker = new DataKeyCipher(new JdbcDataKeyStore(postgres.dataSource()), master, Duration.ZERO);
        ContentScope scope = new ContentScope("carol", "conv-" + UUID.randomUUID());
        byte[] aad = "aad".getBytes(StandardCharsets.UTF_8);

        byte[] sealed = gateway.seal(scope, aad, "hello".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(worker.open(aad, sealed), StandardCharsets.UTF_8)).isEqualTo("hello");

        new JdbcDataKeyStore(postgres.dataSource()).destroy(scope);
        assertThatThrownBy(() -> worker.open(aad, sealed)).isInstanceOf(KeyDestroyedException.class);
    }
}
