package dev.sluice.worker.engine.openai;

import dev.sluice.schemas.event.ChatMessage;
import dev.sluice.schemas.event.Sampling;
import dev.sluice.schemas.serde.Json;
import dev.sluice.worker.engine.GenerationRequest;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON body of a streaming {@code POST /v1/chat/completions}. */
final class ChatCompletionBody {
    private ChatCompletionBody() {}

    /** The text a dead worker already streamed; empty (or null from older callers) for a fresh request. */
    static String continuation(GenerationRequest request) {
        return request.continuation() == null ? "" : request.continuation();
    }

    /**
     * A takeover sends the text already streamed as a final assistant message to continue:
     * vLLM honours {@code continue_final_message}, llama-server prefills a trailing assistant
     * message; {@code max_tokens} shrinks by what was already generated.
     */
    static String of(String model, GenerationRequest request, int continuationTokens) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", model);
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        ArrayNode messages = body.putArray("messages");
        List<ChatMessage> source =
                request.messages().isEmpty() ? List.of(ChatMessage.user(request.prompt())) : request.messages();
        for (ChatMessage m : source) {
            messages.addObject().put("role", m.role()).put("content", m.content());
        }
        String continuation = continuation(request);
        if (!continuation.isEmpty()) {
            messages.addObject().put("role", "assistant").put("content", continuation);
            body.put("continue_final_message", true);
            body.put("add_generation_prompt", false);
        }
        Sampling s = request.sampling();
        if (s.temperature() != null) {
            body.put("temperature", s.temperature());
        }
        if (s.topP() != null) {
            body.put("top_p", s.topP());
        }
        if (s.maxTokens() > 0) {
            body.put("max_tokens", Math.max(1, s.maxTokens() - continuationTokens));
        }
        if (!s.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            s.stop().forEach(stop::add);
        }
        if (s.seed() != null) {
            body.put("seed", s.seed());
        }
        return body.toString();
    }
}
