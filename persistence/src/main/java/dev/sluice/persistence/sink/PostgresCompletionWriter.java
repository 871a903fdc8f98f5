package dev.sluice.persistence.sink;

import dev.sluice.persistence.erasure.ErasureLocks;
import dev.sluice.schemas.event.CompletionRecorded;
import dev.sluice.schemas.event.Timings;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Writes completions into the history tables: one transaction per batch, one JDBC batch per
 * table, every statement an upsert that leaves an existing row as it is, except that a
 * conversation keeps the title and creation time of its earliest turn and the update time of
 * its latest, whatever order turns arrive in. Replaying a batch therefore changes nothing.
 *
 * <p>Rows are written in a fixed order (users and conversations sorted by id) so two sink
 * instances writing the same user at once cannot deadlock. Add {@code reWriteBatchedInserts=true}
 * to the JDBC URL: the driver then sends each batch as multi-row inserts.
 *
 * <p>PostgreSQL {@code text} cannot hold U+0000, which a byte-fallback token or a remote engine
 * can produce; the history stores U+FFFD in its place (see {@link StorableText}), so such an
 * answer is kept, and reads back with U+FFFD where the stream showed U+0000. Anything else the
 * database refuses comes back as an exception {@link #storeUnavailable} tells apart from an outage.
 */
public final class PostgresCompletionWriter implements CompletionWriter {
    /** A conversation's title is its first (masked) user message, cut to this length. */
    static final int TITLE_LENGTH = 80;

    private static final String INSERT_USER = "INSERT INTO users (id) VALUES (?) ON CONFLICT (id) DO NOTHING";
    private static final String UPSERT_CONVERSATION = """
            INSERT INTO conversations (id, user_id, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET
                updated_at = GREATEST(conversations.updated_at, EXCLUDED.updated_at),
                title = CASE WHEN EXCLUDED.created_at < conversations.created_at THEN EXCLUDED.title ELSE conversations.title END,
                created_at = LEAST(conversations.created_at, EXCLUDED.created_at)
            WHERE conversations.user_id = EXCLUDED.user_id""";
    private static final String INSERT_MESSAGE = """
            INSERT INTO messages (id, conversation_id, role, content, turn, created_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO NOTHING""";
    private static final String INSERT_RESPONSE = """
            INSERT INTO responses (message_id, conversation_id, model, prompt_tokens, completion_tokens, finish_reason,
                cached, accepted_at, started_at, first_token_at, completed_at, ttft_ms, engine_ttft_ms, duration_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (message_id) DO NOTHING""";

    private final DataSource dataSource;

    public PostgresCompletionWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The id of the user turn a completion answers: derived from the assistant message's id. */
    public static String userMessageId(String correlationId) {
        return correlationId + ":user";
    }

    @Override
    public List<Rejected> write(List<CompletionRecorded> batch) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Rejected> rejected = new ArrayList<>();
                List<CompletionRecorded> accepted = admissible(c, batch, rejected);
                insertUsers(c, accepted);
                upsertConversations(c, accepted);
                insertMessages(c, accepted);
                insertResponses(c, accepted);
                c.commit();
                return rejected;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * Drops completions of erased conversations (so a late or replayed one cannot bring the
     * conversation back) and rejects those that name a conversation another user owns. The
     * erasure locks are taken first, so an erasure running now either finishes before the check
     * or waits for this transaction and then deletes what it wrote.
     */
    private static List<CompletionRecorded> admissible(
            Connection c, List<CompletionRecorded> batch, List<Rejected> rejected) throws SQLException {
        Map<String, CompletionRecorded> unique = new LinkedHashMap<>();
        for (CompletionRecorded r : batch) unique.putIfAbsent(r.correlationId(), r);
        Set<String> ids = new TreeSet<>();
        for (CompletionRecorded r : unique.values()) ids.add(r.conversationId());

        Array array = c.createArrayOf("text", ids.toArray());
        try (PreparedStatement ps = c.prepareStatement(ErasureLocks.LOCK_SHARED)) {
            ps.setArray(1, array);
            ps.executeQuery().close();
        }
        Set<String> erased = new TreeSet<>();
        Map<String, String> owners = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, NULL FROM erased_conversations WHERE id = ANY (?)
                UNION ALL SELECT id, user_id FROM conversations WHERE id = ANY (?)""")) {
            ps.setArray(1, array);
            ps.setArray(2, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(2) == null) erased.add(rs.getString(1));
                    else owners.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        List<CompletionRecorded> accepted = new ArrayList<>(unique.size());
        for (CompletionRecorded r : unique.values()) {
            String owner = owners.get(r.conversationId());
            if (erased.contains(r.conversationId())) continue;
            if (owner != null && !owner.equals(r.userId())) {
                rejected.add(new Rejected(r, "conversation " + r.conversationId() + " belongs to another user"));
                continue;
            }
            // The first writer of a new conversation owns it, also within this batch.
            owners.putIfAbsent(r.conversationId(), r.userId());
            accepted.add(r);
        }
        return accepted;
    }

    private static void insertUsers(Connection c, List<CompletionRecorded> batch) throws SQLException {
        Set<String> users = new TreeSet<>();
        for (CompletionRecorded r : batch) users.add(r.userId());
        try (PreparedStatement ps = c.prepareStatement(INSERT_USER)) {
            for (String user : users) {
                ps.setString(1, user);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void upsertConversations(Connection c, List<CompletionRecorded> batch) throws SQLException {
        // One row per conversation: its earliest turn in the batch names it, its latest dates it.
        Map<String, CompletionRecorded> first = new TreeMap<>();
        Map<String, Long> latest = new HashMap<>();
        for (CompletionRecorded r : batch) {
            first.merge(
                    r.conversationId(),
                    r,
                    (a, b) -> b.timings().acceptedAtMs() < a.timings().acceptedAtMs() ? b : a);
            latest.merge(r.conversationId(), r.timings().completedAtMs(), Math::max);
        }
        try (PreparedStatement ps = c.prepareStatement(UPSERT_CONVERSATION)) {
            for (CompletionRecorded r : first.values()) {
                ps.setString(1, r.conversationId());
                ps.setString(2, r.userId());
                ps.setString(3, StorableText.of(title(r)));
                ps.setTimestamp(4, ts(r.timings().acceptedAtMs()));
                ps.setTimestamp(
                        5,
                        ts(Objects.requireNonNull(
                                latest.get(r.conversationId()), "merged above for each conversation")));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void insertMessages(Connection c, List<CompletionRecorded> batch) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_MESSAGE)) {
            for (CompletionRecorded r : batch) {
                if (r.userMessage() != null) {
                    addMessage(
                            ps,
                            userMessageId(r.correlationId()),
                            r.conversationId(),
                            "user",
                            r.userMessage(),
                            0,
                            r.timings().acceptedAtMs());
                }
                addMessage(
                        ps,
                        r.correlationId(),
                        r.conversationId(),
                        "assistant",
                        r.content(),
                        1,
                        r.timings().completedAtMs());
            }
            ps.executeBatch();
        }
    }

    private static void addMessage(
            PreparedStatement ps, String id, String conversationId, String role, String content, int turn, long atMs)
            throws SQLException {
        ps.setString(1, id);
        ps.setString(2, conversationId);
        ps.setString(3, role);
        ps.setString(4, StorableText.of(content));
        ps.setShort(5, (short) turn);
        ps.setTimestamp(6, ts(atMs));
        ps.addBatch();
    }

    private static void insertResponses(Connection c, List<CompletionRecorded> batch) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_RESPONSE)) {
            for (CompletionRecorded r : batch) {
                Timings t = r.timings();
                ps.setString(1, r.correlationId());
                ps.setString(2, r.conversationId());
                ps.setString(3, r.model());
                ps.setInt(4, r.usage().promptTokens());
                ps.setInt(5, r.usage().completionTokens());
                ps.setString(6, r.finishReason());
                ps.setBoolean(7, r.cached());
                ps.setTimestamp(8, ts(t.acceptedAtMs()));
                ps.setTimestamp(9, t.startedAtMs() > 0 ? ts(t.startedAtMs()) : null);
                ps.setTimestamp(10, t.firstTokenAtMs() != null ? ts(t.firstTokenAtMs()) : null);
                ps.setTimestamp(11, ts(t.completedAtMs()));
                if (t.firstTokenAtMs() != null) ps.setDouble(12, t.firstTokenAtMs() - t.acceptedAtMs());
                else ps.setNull(12, Types.DOUBLE);
                ps.setDouble(13, t.engineTtftMs());
                ps.setDouble(14, t.completedAtMs() - t.acceptedAtMs());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Down, not refusing: the connection is gone or cannot be had (class 08, and the pool's
     * timeout), the server is out of resources (53), shutting down or starting (57), or the
     * transaction lost a conflict (40) that a later retry of the same batch wins. Everything
     * else (a data exception, 22; a constraint, 23) is about the records, so they are isolated.
     */
    @Override
    public boolean storeUnavailable(Exception failure) {
        if (failure instanceof SQLTransientException
                || failure instanceof SQLRecoverableException
                || failure instanceof SQLNonTransientConnectionException) {
            return true;
        }
        if (!(failure instanceof SQLException sql)) return false;
        String state = sql.getSQLState();
        if (state == null || state.length() < 2) return true;
        return switch (state.substring(0, 2)) {
            case "08", "53", "57", "58", "40", "55" -> true;
            default -> false;
        };
    }

    /** The SQL state and the table, column or constraint involved; never the server's detail, which quotes the row. */
    @Override
    public String describe(Exception failure) {
        if (!(failure instanceof SQLException sql)) return failure.getClass().getSimpleName();
        StringBuilder out = new StringBuilder("SQLState ").append(sql.getSQLState());
        if (sql instanceof PSQLException p && p.getServerErrorMessage() != null) {
            ServerErrorMessage m = p.getServerErrorMessage();
            if (m.getTable() != null) out.append(" table ").append(m.getTable());
            if (m.getColumn() != null) out.append(" column ").append(m.getColumn());
            if (m.getConstraint() != null) out.append(" constraint ").append(m.getConstraint());
            if (m.getRoutine() != null) out.append(" (").append(m.getRoutine()).append(')');
        }
        return out.toString();
    }

    static String title(CompletionRecorded r) {
        String text = r.userMessage() == null || r.userMessage().isBlank()
                ? "New conversation"
                : r.userMessage().strip();
        text = text.replaceAll("\\s+", " ");
        return text.length() <= TITLE_LENGTH ? text : text.substring(0, TITLE_LENGTH - 1) + "…";
    }

    private static Timestamp ts(long epochMs) {
        return new Timestamp(epochMs);
    }
}
