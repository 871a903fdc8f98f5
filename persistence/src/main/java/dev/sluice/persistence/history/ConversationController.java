package dev.sluice.persistence.history;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.sluice.persistence.erasure.ConversationEraser;
import dev.sluice.schemas.crypto.ContentCipher;
import dev.sluice.schemas.crypto.ContentScope;
import dev.sluice.schemas.openai.OpenAiError;
import dev.sluice.schemas.role.ConditionalOnRole;
import java.security.Principal;
import java.sql.SQLException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/conversations}: a user's own history, and erasure. Served by the gateway role,
 * which holds the HTTP surface; the user is the authenticated principal (the JWT subject).
 * Someone else's conversation answers exactly like an unknown one (404), so ids cannot be probed.
 * Times are Unix seconds, as in OpenAI's objects.
 */
@RestController
@RequestMapping("/v1/conversations")
@ConditionalOnRole("gateway")
public class ConversationController {
    private final ConversationHistory history;
    private final ConversationEraser eraser;
    private final ContentCipher cipher;

    public ConversationController(ConversationHistory history, ConversationEraser eraser, ContentCipher cipher) {
        this.history = history;
        this.eraser = eraser;
        this.cipher = cipher;
    }

    public record SummaryJson(
            String id,
            String title,
            @JsonProperty("created_at") long createdAt,
            @JsonProperty("updated_at") long updatedAt) {}

    public record ListJson(
            String object,
            List<SummaryJson> data,
            @JsonProperty("has_more") boolean hasMore,
            @JsonProperty("next_cursor") @Nullable String nextCursor) {}

    public record MessageJson(
            String role,
            String content,
            @JsonProperty("created_at") long createdAt) {}

    public record ConversationJson(
            String id,
            String title,
            @JsonProperty("created_at") long createdAt,
            @JsonProperty("updated_at") long updatedAt,
            List<MessageJson> messages) {}

    @GetMapping
    public ResponseEntity<?> list(
            Principal user,
            @RequestParam(defaultValue = "20") int limit,
            @RequestParam(required = false) @Nullable String before)
            throws SQLException {
        if (limit < 1 || limit > ConversationHistory.MAX_LIMIT) {
            return badRequest("limit must be between 1 and " + ConversationHistory.MAX_LIMIT, "limit", "invalid_limit");
        }
        ConversationHistory.Page page;
        try {
            page = history.list(user.getName(), limit, before);
        } catch (ConversationHistory.BadCursorException e) {
            return badRequest("before is not a cursor this API returned", "before", "invalid_cursor");
        }
        List<SummaryJson> data = page.items().stream()
                .map(s -> new SummaryJson(
                        s.id(),
                        s.title(),
                        s.createdAt().getEpochSecond(),
                        s.updatedAt().getEpochSecond()))
                .toList();
        return ResponseEntity.ok(new ListJson("list", data, page.hasMore(), page.nextCursor()));
    }

    @GetMapping("/{id}")
    public ResponseEntity<?> get(Principal user, @PathVariable String id) throws SQLException {
        return history.get(user.getName(), id)
                .<ResponseEntity<?>>map(c -> ResponseEntity.ok(new ConversationJson(
                        c.id(),
                        c.title(),
                        c.createdAt().getEpochSecond(),
                        c.updatedAt().getEpochSecond(),
                        c.messages().stream()
                                .map(m -> new MessageJson(
                                        m.role(), m.content(), m.createdAt().getEpochSecond()))
                                .toList())))
                .orElseGet(() -> notFound(id));
    }

    /** Erases the conversation everywhere: rows now; context state and cached answers follow the CDC delete event. */
    @DeleteMapping("/{id}")
    public ResponseEntity<?> erase(Principal user, @PathVariable String id) throws SQLException {
        if (!eraser.erase(user.getName(), id)) return notFound(id);
        // The key is destroyed in the database; this process also drops its copy now rather than
        // when the erasure comes back through chat.erasures (a few hundred ms): a turn the owner
        // sends on this id right after the 204 then starts a new conversation, as it would a
        // second later, instead of being accepted under the erased key and its history.
        cipher.forget(new ContentScope(user.getName(), id));
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }

    private static ResponseEntity<?> notFound(String conversationId) {
        return error(
                HttpStatus.NOT_FOUND,
                "No conversation found with id '" + conversationId + "'.",
                null,
                "conversation_not_found");
    }

    private static ResponseEntity<?> badRequest(String message, String param, String code) {
        return error(HttpStatus.BAD_REQUEST, message, param, code);
    }

    /** Written as text, not through Spring's mapper, so the body is byte for byte the gateway's error JSON. */
    private static ResponseEntity<?> error(HttpStatus status, String message, @Nullable String param, String code) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(OpenAiError.of(message, OpenAiError.INVALID_REQUEST, param, code)
                        .json());
    }
}
