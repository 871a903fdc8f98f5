package dev.sluice.persistence.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.persistence.testing.EmbeddedPostgresServer;
import dev.sluice.schemas.crypto.ContentScope;
import dev.sluice.schemas.crypto.ConversationTakenException;
import dev.sluice.schemas.crypto.DataKeyCipher;
import dev.sluice.schemas.crypto.JdbcDataKeyStore;
import dev.sluice.schemas.crypto.KeyDestroyedException;
import dev.sluice.schemas.crypto.LocalKeyProvider;
import dev.sluice.schemas.crypto.WrappedKey;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The data key table (migrations V2 and V3) on a real PostgreSQL. */
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
        assertThat(store.findOrCreate(new WrappedKey(UUID.randomUUID(), scope, "local:x", new byte[] {3}))
                        .id())
                .isEqualTo(first.id());
        assertThat(store.find(first.id()))
                .hasValueSatisfying(k -> assertThat(k.wrapped()).containsExactly(1, 2));
        assertThat(store.destroy(new ContentScope("bob", scope.conversationId())))
                .as("another user's scope")
                .isZero();
        assertThat(store.destroy(scope)).isEqualTo(1);
        assertThat(store.find(first.id())).isEmpty();
    }

    @Test
    void twoProcessesShareKeysThroughTheTable() {
        LocalKeyProvider master = new LocalKeyProvider(new byte[32]);
        DataKeyCipher gateway =
                new DataKeyCipher(new JdbcDataKeyStore(postgres.dataSource()), master, Duration.ofMinutes(2));
        DataKeyCipher worker = new DataKeyCipher(new JdbcDataKeyStore(postgres.dataSource()), master, Duration.ZERO);
        ContentScope scope = new ContentScope("carol", "conv-" + UUID.randomUUID());
        byte[] aad = "aad".getBytes(StandardCharsets.UTF_8);

        byte[] sealed = gateway.seal(scope, aad, "hello".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(worker.open(aad, sealed), StandardCharsets.UTF_8)).isEqualTo("hello");

        new JdbcDataKeyStore(postgres.dataSource()).destroy(scope);
        assertThatThrownBy(() -> worker.open(aad, sealed)).isInstanceOf(KeyDestroyedException.class);
    }

    @Test
    void aConversationIdHasOneOwnerAndAnotherUsersKeyIsNeverMade() {
        JdbcDataKeyStore store = new JdbcDataKeyStore(postgres.dataSource());
        String conversation = "conv-" + UUID.randomUUID();
        WrappedKey alice =
                new WrappedKey(UUID.randomUUID(), new ContentScope("alice", conversation), "local:x", new byte[] {1});
        store.findOrCreate(alice);

        assertThatThrownBy(() -> store.findOrCreate(new WrappedKey(
                        UUID.randomUUID(), new ContentScope("bob", conversation), "local:x", new byte[] {2})))
                .isInstanceOf(ConversationTakenException.class)
                .hasMessageContaining("another user");
        assertThat(store.findOrCreate(new WrappedKey(UUID.randomUUID(), alice.scope(), "local:x", new byte[] {3}))
                        .id())
                .isEqualTo(alice.id());
    }

    @Test
    void anErasedIdGetsNoNewKeyEvenForItsOwner() throws SQLException {
        JdbcDataKeyStore store = new JdbcDataKeyStore(postgres.dataSource());
        ContentScope scope = new ContentScope("alice", "conv-" + UUID.randomUUID());
        store.findOrCreate(new WrappedKey(UUID.randomUUID(), scope, "local:x", new byte[] {1}));
        // What ConversationEraser does in one transaction.
        try (Connection c = postgres.dataSource().getConnection();
                Statement st = c.createStatement()) {
            JdbcDataKeyStore.destroy(c, scope);
            st.executeUpdate("INSERT INTO erased_conversations (id, erased_at) VALUES ('" + scope.conversationId()
                    + "', now())");
        }

        // A late record of the erased conversation (a stream still in flight, its key out of the
        // cache) must not be sealed with a new, live key: that copy would outlive the erasure.
        assertThatThrownBy(
                        () -> store.findOrCreate(new WrappedKey(UUID.randomUUID(), scope, "local:x", new byte[] {2})))
                .isInstanceOf(ConversationTakenException.class)
                .hasMessageContaining("erased");
    }

    @Test
    void ofUsersRacingForANewIdExactlyOneOwnsIt() throws Exception {
        JdbcDataKeyStore store = new JdbcDataKeyStore(postgres.dataSource());
        String conversation = "conv-" + UUID.randomUUID();
        List<Callable<String>> users = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ContentScope scope = new ContentScope("user-" + i, conversation);
            users.add(() -> {
                try {
                    return store.findOrCreate(new WrappedKey(UUID.randomUUID(), scope, "local:x", new byte[] {1}))
                            .scope()
                            .userId();
                } catch (ConversationTakenException e) {
                    return null;
                }
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<String> owners = new ArrayList<>();
            for (Future<String> f : pool.invokeAll(users)) {
                if (f.get() != null) owners.add(f.get());
            }
            assertThat(owners).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    /** V3 on a table V2 filled with two users' keys for one id: both keys still open their records, the first owner keeps the id. */
    @Test
    void upgradingKeepsEveryKeyAndGivesEachIdToItsFirstOwner() throws SQLException {
        try (Connection admin = postgres.dataSource().getConnection();
                Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE upgrade_v3");
        }
        PGSimpleDataSource db = new PGSimpleDataSource();
        db.setUrl("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/upgrade_v3");
        db.setUser("postgres");
        Flyway.configure()
                .dataSource(db)
                .locations("classpath:db/migration")
                .target("2")
                .load()
                .migrate();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        try (Connection c = db.getConnection();
                Statement st = c.createStatement()) {
            st.executeUpdate(
                    "INSERT INTO data_keys (id, user_id, conversation_id, master_key_id, wrapped, created_at) VALUES ('"
                            + first + "', 'alice', 'shared-id', 'local:x', '\\x01', now() - interval '1 hour'), ('"
                            + second + "', 'bob', 'shared-id', 'local:x', '\\x02', now())");
        }

        Flyway.configure()
                .dataSource(db)
                .locations("classpath:db/migration")
                .load()
                .migrate();

        JdbcDataKeyStore store = new JdbcDataKeyStore(db);
        assertThat(store.find(first))
                .hasValueSatisfying(k -> assertThat(k.scope()).isEqualTo(new ContentScope("alice", "shared-id")));
        assertThat(store.find(second))
                .as("bob's records still open")
                .hasValueSatisfying(k -> assertThat(k.wrapped()).containsExactly(2));
        assertThat(store.findOrCreate(new WrappedKey(
                                UUID.randomUUID(), new ContentScope("alice", "shared-id"), "local:x", new byte[] {9}))
                        .id())
                .isEqualTo(first);
        assertThatThrownBy(() -> store.findOrCreate(new WrappedKey(
                        UUID.randomUUID(), new ContentScope("bob", "shared-id"), "local:x", new byte[] {9})))
                .isInstanceOf(ConversationTakenException.class);
        try (Connection c = db.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM data_keys")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
        }
    }
}
