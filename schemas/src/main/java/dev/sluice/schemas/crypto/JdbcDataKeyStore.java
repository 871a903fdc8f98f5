package dev.sluice.schemas.crypto;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Wrapped data keys in PostgreSQL ({@code data_keys}, migration V2 in persistence). A database
 * error is a {@link KeysUnavailableException}: the caller retries, refuses a new chat (503), or
 * serves from its cache; it is never taken for a destroyed key.
 */
public final class JdbcDataKeyStore implements DataKeyStore {
    static final String DESTROY = "DELETE FROM data_keys WHERE user_id = ? AND conversation_id = ?";

    private final DataSource dataSource;

    public JdbcDataKeyStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * One statement decides: the insert happens only while the id has no key and was never
     * erased ({@code erased_conversations}, written in the erasure's transaction), and the unique
     * index on {@code conversation_id} makes the first of two racing owners win.
     */
    @Override
    public WrappedKey findOrCreate(WrappedKey candidate) {
        ContentScope scope = candidate.scope();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO data_keys (id, user_id, conversation_id, master_key_id, wrapped)
                    SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM erased_conversations WHERE id = ?)
                    ON CONFLICT (conversation_id) DO NOTHING""")) {
                ps.setObject(1, candidate.id());
                ps.setString(2, scope.userId());
                ps.setString(3, scope.conversationId());
                ps.setString(4, candidate.masterKeyId());
                ps.setBytes(5, candidate.wrapped());
                ps.setString(6, scope.conversationId());
                if (ps.executeUpdate() == 1) return candidate;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, user_id, conversation_id, master_key_id, wrapped FROM data_keys WHERE conversation_id = ?")) {
                ps.setString(1, scope.conversationId());
                try (ResultSet rs = ps.executeQuery()) {
                    // No key and none inserted: the id was erased (or an erasure committed between the statements).
                    if (!rs.next())
                        throw new ConversationTakenException("conversation " + scope.conversationId() + " was erased");
                    WrappedKey stored = row(rs);
                    if (!stored.scope().equals(scope))
                        throw new ConversationTakenException(
                                "conversation " + scope.conversationId() + " belongs to another user");
                    return stored;
                }
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public Optional<WrappedKey> find(UUID id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT id, user_id, conversation_id, master_key_id, wrapped FROM data_keys WHERE id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
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
