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

    /**
     * Group commit on the real table: while one new chat's insert is held at the database, eight
     * more arrive and go out as one statement, and each gets the answer it would get alone: a new
     * id its own key, two callers of one new id the same key, an id of another user or an erased
     * id refused, an existing id of the caller its stored key.
     */
    @Test
    void newChatsThatArriveTogetherShareOneInsertAndEachGetsItsOwnAnswer() throws Exception {
        HeldDataSource held = new HeldDataSource(postgres.dataSource());
        JdbcDataKeyStore store = new JdbcDataKeyStore(held);
        JdbcDataKeyStore plain = new JdbcDataKeyStore(postgres.dataSource());
        String run = UUID.randomUUID().toString();
        WrappedKey existing = plain.findOrCreate(key("alice", "kept-" + run, 7));
        plain.findOrCreate(key("bob", "bobs-" + run, 8));
        ContentScope erased = new ContentScope("alice", "erased-" + run);
        try (Connection c = postgres.dataSource().getConnection();
                Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO erased_conversations (id, erased_at) VALUES ('" + erased.conversationId()
                    + "', now())");
        }
        List<WrappedKey> batch = List.of(
                key("alice", "new-a-" + run, 1),
                key("carol", "new-c-" + run, 2),
                key("dave", "twice-" + run, 3),
                key("dave", "twice-" + run, 4),
                key("alice", "bobs-" + run, 5),
                new WrappedKey(UUID.randomUUID(), erased, "local:x", new byte[] {6}),
                key("alice", "kept-" + run, 9),
                key("erin", "new-e-" + run, 10));

        ExecutorService pool = Executors.newFixedThreadPool(batch.size() + 1);
        try {
            held.holdNext();
            Future<WrappedKey> first = pool.submit(() -> store.findOrCreate(key("zed", "first-" + run, 0)));
            held.awaitHeld();
            List<Thread> callers = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<Future<Object>> answers = new ArrayList<>();
            for (WrappedKey k : batch) {
                answers.add(pool.submit(() -> {
                    callers.add(Thread.currentThread());
                    try {
                        return store.findOrCreate(k);
                    } catch (ConversationTakenException e) {
                        return e.getMessage();
                    }
                }));
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (callers.size() < batch.size()
                    || !callers.stream().allMatch(t -> t.getState() == Thread.State.WAITING)) {
                assertThat(System.nanoTime())
                        .as("callers waiting behind the held insert")
                        .isLessThan(deadline);
                Thread.sleep(5);
            }
            held.release();

            assertThat(first.get(10, java.util.concurrent.TimeUnit.SECONDS)
                            .scope()
                            .userId())
                    .isEqualTo("zed");
            List<Object> got = new ArrayList<>();
            for (Future<Object> f : answers) got.add(f.get(10, java.util.concurrent.TimeUnit.SECONDS));
            assertThat(((WrappedKey) got.get(0)).id()).isEqualTo(batch.get(0).id());
            assertThat(((WrappedKey) got.get(1)).id()).isEqualTo(batch.get(1).id());
            UUID daveKey = ((WrappedKey) got.get(2)).id();
            assertThat(((WrappedKey) got.get(3)).id())
                    .as("one new id asked twice in one batch: one key")
                    .isEqualTo(daveKey);
            assertThat(daveKey).isIn(batch.get(2).id(), batch.get(3).id());
            assertThat(got.get(4)).asString().contains("another user");
            assertThat(got.get(5)).asString().contains("erased");
            assertThat(((WrappedKey) got.get(6)).id()).isEqualTo(existing.id());
            assertThat(((WrappedKey) got.get(7)).id()).isEqualTo(batch.get(7).id());
            assertThat(store.createStatements())
                    .as("the held insert, then the eight together")
                    .isEqualTo(2);
            assertThat(store.createCalls()).isEqualTo(9);
            assertThat(plain.find(batch.get(1).id()))
                    .hasValueSatisfying(k -> assertThat(k.wrapped()).containsExactly(2));
            assertThat(plain.findAll(List.of(batch.get(0).id(), batch.get(4).id(), existing.id(), daveKey)))
                    .as("the refused candidate was never stored")
                    .containsOnlyKeys(batch.get(0).id(), existing.id(), daveKey);
        } finally {
            held.release();
            pool.shutdownNow();
        }
    }

    private static WrappedKey key(String user, String conversation, int marker) {
        return new WrappedKey(
                UUID.randomUUID(), new ContentScope(user, conversation), "local:x", new byte[] {(byte) marker});
    }

    /** A data source whose next connection is held until {@link #release}: an insert "at the database". */
    private static final class HeldDataSource extends org.postgresql.ds.PGSimpleDataSource {
        private final javax.sql.DataSource inner;
        private volatile java.util.concurrent.CountDownLatch hold;
        private final java.util.concurrent.CountDownLatch reached = new java.util.concurrent.CountDownLatch(1);

        HeldDataSource(javax.sql.DataSource inner) {
            this.inner = inner;
        }

        void holdNext() {
            hold = new java.util.concurrent.CountDownLatch(1);
        }

        void awaitHeld() throws InterruptedException {
            assertThat(reached.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }

        void release() {
            java.util.concurrent.CountDownLatch h = hold;
            hold = null;
            if (h != null) h.countDown();
        }

        @Override
        public Connection getConnection() throws SQLException {
            java.util.concurrent.CountDownLatch h = hold;
            if (h != null) {
                reached.countDown();
                try {
                    if (!h.await(10, java.util.concurrent.TimeUnit.SECONDS)) throw new SQLException("never released");
                } catch (InterruptedException e) {
                    throw new SQLException(e);
                }
            }
            return inner.getConnection();
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
