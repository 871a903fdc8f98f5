package dev.sluice.persistence.erasure;

import dev.sluice.schemas.crypto.ContentScope;
import dev.sluice.schemas.crypto.JdbcDataKeyStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Deletes a conversation at its owner's request. Its messages and responses go with it (foreign
 * keys cascade), so does its data key ({@code data_keys}, crypto-shredding), and its id is remembered in {@code erased_conversations} so the sink never
 * writes it back. Everything derived from it elsewhere (context state, cached answers) is
 * removed by {@link ErasurePropagator} once the delete reaches the CDC stream: that way the
 * propagation happens only for a delete that really committed, and survives a crash here.
 */
public final class ConversationEraser {
    private final DataSource dataSource;

    public ConversationEraser(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Returns false when the user owns no conversation with that id (unknown, or someone else's). */
    public boolean erase(String userId, String conversationId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement(ErasureLocks.LOCK_EXCLUSIVE)) {
                    ps.setString(1, conversationId);
                    ps.executeQuery().close();
                }
                int deleted;
                try (PreparedStatement ps =
                        c.prepareStatement("DELETE FROM conversations WHERE id = ? AND user_id = ?")) {
                    ps.setString(1, conversationId);
                    ps.setString(2, userId);
                    deleted = ps.executeUpdate();
                }
                // Crypto-shredding: with the rows goes the data key, in the same transaction, so
                // every sealed copy on every topic, replica and backup is unreadable from this commit.
                JdbcDataKeyStore.destroy(c, new ContentScope(userId, conversationId));
                if (deleted == 0) {
                    c.rollback();
                    return false;
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO erased_conversations (id, erased_at) VALUES (?, now()) ON CONFLICT (id) DO NOTHING")) {
                    ps.setString(1, conversationId);
                    ps.executeUpdate();
                }
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
