package dev.sluice.it.fault;

import dev.sluice.it.SseClient;
import dev.sluice.schemas.serde.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** What one client saw of one streamed chat completion: its id, the text, how it ended. */
record StreamedAnswer(
        int status,
        String requestId,
        List<Long> ids,
        String text,
        String finishReason,
        List<String> errors,
        boolean done,
        String body) {

    static String request(String content, int maxTokens) {
        return request(content, maxTokens, "");
    }

    /** @param extra more request fields, each followed by a comma ({@code "\"stop\":[\".\"],"}) */
    static String request(String content, int maxTokens, String extra) {
        return "{" + extra + "\"model\":\"stories260K\",\"stream\":true,\"temperature\":0,\"max_tokens\":" + maxTokens
                + ",\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":"
                + Json.MAPPER.writeValueAsString(content) + "}]}";
    }

    static StreamedAnswer of(SseClient.Result result) {
        List<Long> ids = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        String finish = null;
        boolean done = false;
        for (SseClient.Event e : result.events()) {
            if (e.data().equals("[DONE]")) {
                done = true;
                continue;
            }
            if (e.id() != null) ids.add(Long.parseLong(e.id()));
            JsonNode json = Json.MAPPER.readTree(e.data());
            if (json.has("error")) {
                errors.add(e.data());
                continue;
            }
            JsonNode choice = json.path("choices").path(0);
            text.append(choice.path("delta").path("content").asString(""));
            JsonNode f = choice.path("finish_reason");
            if (!f.isNull() && !f.isMissingNode()) finish = f.asString();
        }
        return new StreamedAnswer(
                result.status(),
                result.header("X-Request-Id"),
                ids,
                text.toString(),
                finish,
                errors,
                done,
                result.status() == 200 ? "" : result.body());
    }

    /** Ids 0, 1, 2 … with no gap and no repeat. */
    boolean idsConsecutive() {
        for (int i = 0; i < ids.size(); i++) if (ids.get(i) != i) return false;
        return true;
    }

    /** Complete: 200, a finish reason, [DONE] last, no error event, every event once in order. */
    boolean complete() {
        return status == 200 && done && finishReason != null && errors.isEmpty() && idsConsecutive();
    }
}
