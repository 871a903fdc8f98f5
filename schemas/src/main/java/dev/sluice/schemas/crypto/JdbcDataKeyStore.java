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

    @Override
    public WrappedKey findOrCreate(WrappedKey candidate) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO data_keys (id, user_id, conversation_id, master_key_id, wrapped) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (user_id, conversation_id) DO NOTHING""")) {
                ps.setObject(1, candidate.id());
                ps.setString(2, candidate.scope().userId());
                ps.setString(3, candidate.scope().conversationId());
                ps.setString(4, candidate.masterKeyId());
                ps.setBytes(5, candidate.wrapped());
                if (ps.executeUpdate() == 1) return candidate;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, user_id, conversation_id, master_key_id, wrapped FROM data_keys WHERE user_id = ? AND conversation_id = ?")) {
                ps.setString(1, candidate.scope().userId());
                ps.setString(2, candidate.scope().conversationId());
                try (ResultSet rs = ps.executeQuery()) {
                    // Lost a race with an erasure between the two statements: the caller retries.
                    if (!rs.next()) throw new KeysUnavailableException("data key of a conversation changed while it was created");
                    return row(rs);
                }
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public Optional<WrappedKey> find(UUID id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, user_id, conversation_id, master_key_id, wrapped FROM data_keys WHERE id = ?")) {
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
        return new WrappedKey(rs.getObject(1, UUID.class), new ContentScope(rs.getString(2), rs.getString(3)), rs.getString(4), rs.getBytes(5));
    }

    private static KeysUnavailableException unavailable(SQLException e) {
        // SQL state only: PostgreSQL's message may quote the statement's values.
        return new KeysUnavailableException("data key store failed: SQLState " + e.getSQLState());
    }
}
