package dev.sluice.schemas.crypto;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Wrapped data keys in PostgreSQL ({@code data_keys}, migration V2 in persistence). A database
 * error is a {@link KeysUnavailableException}: the caller retries, refuses a new chat (503), or
 * serves from its cache; it is never taken for a destroyed key.
 */
public final class JdbcDataKeyStore implements DataKeyStore {
    static final String DESTROY = "DELETE FROM data_keys WHERE user_id = ? AND conversation_id = ?";
    /** Rows per statement: the arrays stay small, and one slow batch holds few callers. */
    static final int MAX_BATCH = 64;

    private static final String INSERT_ONE = """
            INSERT INTO data_keys (id, user_id, conversation_id, master_key_id, wrapped)
            SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM erased_conversations WHERE id = ?)
            ON CONFLICT (conversation_id) DO NOTHING""";
    private static final String INSERT_MANY = """
            INSERT INTO data_keys (id, user_id, conversation_id, master_key_id, wrapped)
            SELECT k.id, k.user_id, k.conversation_id, k.master_key_id, k.wrapped
              FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::bytea[])
                   AS k(id, user_id, conversation_id, master_key_id, wrapped)
             WHERE NOT EXISTS (SELECT 1 FROM erased_conversations e WHERE e.id = k.conversation_id)
            ON CONFLICT (conversation_id) DO NOTHING
            RETURNING id""";
    private static final String COLUMNS = "SELECT id, user_id, conversation_id, master_key_id, wrapped FROM data_keys";

    private final DataSource dataSource;
    /**
     * New chats that arrive together share one insert (group commit); one alone runs at once. When
     * the database is unreachable, the chats waiting behind the failed insert get the outage with it
     * (each a 503 at once) instead of each waiting out the pool's connection timeout in turn.
     */
    private final GroupCommit<WrappedKey, WrappedKey> creating =
            new GroupCommit<>(MAX_BATCH, this::createAll, KeysUnavailableException.class::isInstance);
    /** Lookups that arrive together share one query. */
    private final GroupCommit<UUID, Optional<WrappedKey>> finding =
            new GroupCommit<>(MAX_BATCH, this::findEach, KeysUnavailableException.class::isInstance);

    private final java.util.concurrent.atomic.LongAdder lookupStatements = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder lookupCalls = new java.util.concurrent.atomic.LongAdder();

    private final boolean grouped;

    public JdbcDataKeyStore(DataSource dataSource) {
        this(dataSource, true);
    }

    /**
     * @param grouped false: every call is its own statement on its own connection, as before
     *                group commit (for the benchmark that compares the two in one run)
     */
    public JdbcDataKeyStore(DataSource dataSource, boolean grouped) {
        this.dataSource = dataSource;
        this.grouped = grouped;
    }

    /**
     * One statement decides: the insert happens only while the id has no key and was never
     * erased ({@code erased_conversations}, written in the erasure's transaction), and the unique
     * index on {@code conversation_id} makes the first of two racing owners win. Calls that
     * arrive while another is at the database go in together ({@link GroupCommit}), one insert
     * for all of them; each still gets its own answer.
     */
    @Override
    public WrappedKey findOrCreate(WrappedKey candidate) {
        if (grouped) return creating.call(candidate);
        Object outcome = createAll(List.of(candidate)).getFirst();
        if (outcome instanceof RuntimeException e) throw e;
        return (WrappedKey) outcome;
    }

    /** Inserts run for new chats since start (each one statement carrying every chat that waited). */
    public long createStatements() {
        return creating.batches();
    }

    /** New chats that asked for their key since start; {@code createCalls() / createStatements()} is the mean batch. */
    public long createCalls() {
        return creating.calls();
    }

    /** Key lookups run since start (single, grouped or a poll's prefetch: one statement each). */
    public long lookupStatements() {
        return lookupStatements.sum();
    }

    /** Key ids looked up since start. */
    public long lookupCalls() {
        return lookupCalls.sum();
    }

    /** Each candidate's outcome: the stored key, or a {@link ConversationTakenException}. */
    private List<Object> createAll(List<WrappedKey> candidates) {
        try (Connection c = dataSource.getConnection()) {
            Set<UUID> inserted =
                    candidates.size() == 1 ? insertOne(c, candidates.getFirst()) : insertMany(c, candidates);
            List<String> others = new ArrayList<>();
            for (WrappedKey k : candidates) {
                if (!inserted.contains(k.id())) others.add(k.scope().conversationId());
            }
            Map<String, WrappedKey> stored = others.isEmpty() ? Map.of() : byConversation(c, others);
            List<Object> outcomes = new ArrayList<>(candidates.size());
            for (WrappedKey k : candidates) {
                if (inserted.contains(k.id())) {
                    outcomes.add(k);
                    continue;
                }
                String conversation = k.scope().conversationId();
                WrappedKey row = stored.get(conversation);
                // No key and none inserted: the id was erased (or an erasure committed between the statements).
                if (row == null)
                    outcomes.add(new ConversationTakenException("conversation " + conversation + " was erased"));
                else if (!row.scope().equals(k.scope()))
                    outcomes.add(new ConversationTakenException(
                            "conversation " + conversation + " belongs to another user"));
                else outcomes.add(row);
            }
            return outcomes;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private static Set<UUID> insertOne(Connection c, WrappedKey k) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_ONE)) {
            ContentScope scope = k.scope();
            ps.setObject(1, k.id());
            ps.setString(2, scope.userId());
            ps.setString(3, scope.conversationId());
            ps.setString(4, k.masterKeyId());
            ps.setBytes(5, k.wrapped());
            ps.setString(6, scope.conversationId());
            return ps.executeUpdate() == 1 ? Set.of(k.id()) : Set.of();
        }
    }

    /** One statement for all: two candidates for one new id in the same batch insert the first, as two racing statements would. */
    private static Set<UUID> insertMany(Connection c, List<WrappedKey> ks) throws SQLException {
        int n = ks.size();
        UUID[] ids = new UUID[n];
        String[] users = new String[n];
        String[] conversations = new String[n];
        String[] masters = new String[n];
        byte[][] wrapped = new byte[n][];
        for (int i = 0; i < n; i++) {
            WrappedKey k = ks.get(i);
            ids[i] = k.id();
            users[i] = k.scope().userId();
            conversations[i] = k.scope().conversationId();
            masters[i] = k.masterKeyId();
            wrapped[i] = k.wrapped();
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_MANY)) {
            ps.setArray(1, c.createArrayOf("uuid", ids));
            ps.setArray(2, c.createArrayOf("text", users));
            ps.setArray(3, c.createArrayOf("text", conversations));
            ps.setArray(4, c.createArrayOf("text", masters));
            ps.setArray(5, c.createArrayOf("bytea", wrapped));
            Set<UUID> inserted = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) inserted.add(rs.getObject(1, UUID.class));
            }
            return inserted;
        }
    }

    private static Map<String, WrappedKey> byConversation(Connection c, List<String> conversations)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(COLUMNS + " WHERE conversation_id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("text", conversations.toArray()));
            Map<String, WrappedKey> out = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    WrappedKey k = row(rs);
                    out.put(k.scope().conversationId(), k);
                }
            }
            return out;
        }
    }

    @Override
    public Optional<WrappedKey> find(UUID id) {
        return grouped
                ? finding.call(id)
                : Optional.ofNullable(findAll(List.of(id)).get(id));
    }

    private List<Object> findEach(List<UUID> ids) {
        Map<UUID, WrappedKey> found = findAll(ids);
        List<Object> out = new ArrayList<>(ids.size());
        for (UUID id : ids) out.add(Optional.ofNullable(found.get(id)));
        return out;
    }

    /** The keys of {@code ids} that exist, in one query per {@link #MAX_BATCH} ids; a missing id was destroyed (or never existed). */
    @Override
    public Map<UUID, WrappedKey> findAll(Collection<UUID> ids) {
        List<UUID> all = List.copyOf(new java.util.LinkedHashSet<>(ids));
        Map<UUID, WrappedKey> out = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            for (int from = 0; from < all.size(); from += MAX_BATCH) {
                List<UUID> part = all.subList(from, Math.min(all.size(), from + MAX_BATCH));
                lookupStatements.increment();
                lookupCalls.add(part.size());
                try (PreparedStatement ps = part.size() == 1
                        ? c.prepareStatement(COLUMNS + " WHERE id = ?")
                        : c.prepareStatement(COLUMNS + " WHERE id = ANY(?)")) {
                    if (part.size() == 1) ps.setObject(1, part.getFirst());
                    else ps.setArray(1, c.createArrayOf("uuid", part.toArray()));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            WrappedKey k = row(rs);
                            out.put(k.id(), k);
                        }
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public int destroy(ContentScope scope) {
        try (Connection c = dataSource.getConnection()) {
            return destroy(c, scope);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** Inside the caller's transaction, so an erasure deletes the rows and the key together or not at all. */
    public static int destroy(Connection c, ContentScope scope) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(DESTROY)) {
            ps.setString(1, scope.userId());
            ps.setString(2, scope.conversationId());
            return ps.executeUpdate();
        }
    }

    private static WrappedKey row(ResultSet rs) throws SQLException {
        return new WrappedKey(
                rs.getObject(1, UUID.class),
                new ContentScope(rs.getString(2), rs.getString(3)),
                rs.getString(4),
                rs.getBytes(5));
    }

    private static KeysUnavailableException unavailable(SQLException e) {
        // SQL state only: PostgreSQL's message may quote the statement's values.
        return new KeysUnavailableException("data key store failed: SQLState " + e.getSQLState());
    }
}
