package dev.sluice.gateway.chat;

import dev.sluice.bridge.Claim;
import dev.sluice.bridge.OpenResponse;
import dev.sluice.bridge.StreamBridge;
import dev.sluice.bridge.StreamTicket;
import dev.sluice.gateway.api.ApiException;
import dev.sluice.gateway.models.ModelCatalog;
import dev.sluice.schemas.event.ChatMessage;
import dev.sluice.schemas.event.ChatRequested;
import dev.sluice.schemas.event.ModelAnnounced;
import dev.sluice.schemas.event.Sampling;
import dev.sluice.schemas.id.Ids;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * Accepts a chat request: validates it, registers its correlation id (unique, owned by the user,
 * resumable for the resume window), subscribes to its answer, queues it.
 */
public final class ChatService {
    private static final Logger log = LoggerFactory.getLogger(ChatService.class);
    private final RequestValidator validator;
    private final ModelCatalog catalog;
    private final StreamBridge bridge;
    private final RequestPublisher publisher;
    private final TokenReservations budget;

    public ChatService(
            RequestValidator validator,
            ModelCatalog catalog,
            StreamBridge bridge,
            RequestPublisher publisher,
            TokenReservations budget) {
        this.validator = validator;
        this.catalog = catalog;
        this.bridge = bridge;
        this.publisher = publisher;
        this.budget = budget;
    }

    public AcceptedRequest accept(ChatCompletionRequest request, String userId, String correlationId) {
        if (request.model() == null || request.model().isBlank()) {
            throw ApiException.invalid(
                    "model", "missing_model", "'model' is required; GET /v1/models lists the models.");
        }
        ModelAnnounced model = catalog.find(request.model())
                .orElseThrow(() -> catalog.all().isEmpty()
                        ? ApiException.unavailable(
                                "no_model_loaded",
                                "No model is loaded yet; a worker announces its model when it is ready.")
                        : ApiException.notFound(
                                "model",
                                "model_not_found",
                                "The model '" + request.model()
                                        + "' does not exist; GET /v1/models lists the models."));
        List<ChatMessage> messages = validator.messages(request);
        Sampling sampling = validator.sampling(request, model.contextLength());
        String conversationId = conversationId(request.conversationId());
        boolean serverHistory = request.conversationId() != null;
        if (!publisher.requireKey(userId, conversationId)) {
            // Another user's id, or an erased one: answered under a fresh id of this user's own
            // (X-Conversation-Id), so nothing is read from, or written beside, the other
            // conversation, and this user can erase everything the request leaves behind.
            log.info(
                    "conversation_id {} is not the user's to use; the request gets a new conversation id",
                    conversationId);
            conversationId = Ids.newId();
            if (!publisher.requireKey(userId, conversationId)) {
                throw ApiException.unavailable(
                        "encryption_keys_unavailable", "No conversation key could be made; try again.");
            }
        }
        long now = System.currentTimeMillis();
        StreamTicket ticket = new StreamTicket(userId, now, model.id(), request.includeUsage());
        // Reserved before it is queued, settled to the real usage when its completion is recorded.
        budget.reserve(userId, correlationId, sampling.maxTokens());
        if (bridge.claim(correlationId, ticket) == Claim.TAKEN) {
            budget.release(userId, correlationId);
            throw new ApiException(
                    HttpStatus.CONFLICT,
                    "invalid_request_error",
                    null,
                    "duplicate_request_id",
                    "The request id " + correlationId + " is already in use; send the request again.",
                    Map.of());
        }
        OpenResponse events = bridge.subscribe(correlationId);
        try {
            publisher.publish(new ChatRequested(
                    correlationId, conversationId, userId, model.id(), messages, sampling, serverHistory, now));
        } catch (RuntimeException e) {
            events.close();
            bridge.release(correlationId);
            budget.release(userId, correlationId);
            throw e;
        }
        return new AcceptedRequest(correlationId, conversationId, ticket, events);
    }

    private static String conversationId(@Nullable String requested) {
        if (requested == null) return Ids.newId();
        if (!Ids.isAcceptableClientId(requested)) {
            throw ApiException.invalid(
                    "conversation_id",
                    "invalid_conversation_id",
                    "conversation_id must be 8 to 64 letters, digits or . _ : -");
        }
        return requested;
    }
}
