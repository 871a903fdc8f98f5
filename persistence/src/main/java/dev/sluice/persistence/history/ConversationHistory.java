package dev.sluice.persistence.history;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Read-only queries behind the history API. Every query names the owner, so another user's
 * conversation is indistinguishable from one that does not exist.
 *
 * <p>Paging is by keyset on {@code (updated_at, id)}, the order of the
 * {@code conversations_by_user_recent} index: a page costs the same however deep it is, and a
 * conversation written between two page requests cannot make another one appear twice.
 */
public final class ConversationHistory {
    public static final int MAX_LIMIT = 100;

    private final DataSource dataSource;

    public ConversationHistory(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public record Summary(String id, String title, Instant createdAt, Instant updatedAt) {}

    public record Message(String role, String content, Instant createdAt) {}

    public record Conversation(String id, String title, Instant createdAt, Instant updatedAt, List<Message> messages) {}

    /** One page, and the cursor of the next one when there is more. */
    public record Page(List<Summary> items, @Nullable String nextCursor) {
        public boolean hasMore() {
            return nextCursor != null;
        }
    }

    /** Signals a cursor this service did not issue. */
    public static final class BadCursorException extends IllegalArgumentException {
        BadCursorException(String cursor) {
            super("invalid cursor: " + cursor);
        }
    }

    public Page list(String userId, int limit, @Nullable String before) throws SQLException {
        Cursor cursor = before == null || before.isBlank() ? null : Cursor.decode(before);
        String sql = cursor == null
                ? "SELECT id, title, created_at, updated_at FROM conversations WHERE user_id = ? ORDER BY updated_at DESC, id DESC LIMIT ?"
                : "SELECT id, title, created_at, updated_at FROM conversations WHERE user_id = ? AND (updated_at, id) < (?, ?) "
                        + "ORDER BY updated_at DESC, id DESC LIMIT ?";
        List<Summary> rows = new ArrayList<>();
        try (Connection c = readOnly();
                PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, userId);
            if (cursor != null) {
                ps.setTimestamp(i++, Timestamp.from(cursor.updatedAt()));
                ps.setString(i++, cursor.id());
            }
            ps.setInt(i, limit + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Summary(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getTimestamp(3).toInstant(),
                            rs.getTimestamp(4).toInstant()));
                }
            }
        }
        if (rows.size() <= limit) return new Page(rows, null);
        List<Summary> page = List.copyOf(rows.subList(0, limit));
        Summary last = page.getLast();
        return new Page(page, new Cursor(last.updatedAt(), last.id()).encode());
    }

    public Optional<Conversation> get(String userId, String conversationId) throws SQLException {
        try (Connection c = readOnly()) {
            Conversation head;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, title, created_at, updated_at FROM conversations WHERE id = ? AND user_id = ?")) {
                ps.setString(1, conversationId);
                ps.setString(2, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    head = new Conversation(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getTimestamp(3).toInstant(),
                            rs.getTimestamp(4).toInstant(),
                            List.of());
                }
            }
            List<Message> messages = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT role, content, created_at FROM messages WHERE conversation_id = ? ORDER BY created_at, turn, id")) {
                ps.setString(1, conversationId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next())
                        messages.add(new Message(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getTimestamp(3).toInstant()));
                }
            }
            return Optional.of(new Conversation(
                    head.id(), head.title(), head.createdAt(), head.updatedAt(), List.copyOf(messages)));
        }
    }

    private Connection readOnly() throws SQLException {
        Connection c = dataSource.getConnection();
        c.setReadOnly(true);
        return c;
    }

    /** Opaque to clients: base64url of "epoch-micros|id". */
    record Cursor(Instant updatedAt, String id) {
        String encode() {
            long micros = updatedAt.getEpochSecond() * 1_000_000 + updatedAt.getNano() / 1_000;
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((micros + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String text) {
            try {
                String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
                int bar = raw.indexOf('|');
                if (bar <= 0 || bar == raw.length() - 1) throw new BadCursorException(text);
                long micros = Long.parseLong(raw.substring(0, bar));
                return new Cursor(
                        Instant.ofEpochSecond(
                                Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L),
                        raw.substring(bar + 1));
            } catch (IllegalArgumentException e) {
                throw e instanceof BadCursorException b ? b : new BadCursorException(text);
            }
        }
    }
}
