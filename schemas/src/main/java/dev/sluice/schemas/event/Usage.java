package dev.sluice.schemas.event;

/** Real token counts (tokens of the model's vocabulary, not streamed pieces). */
public record Usage(int promptTokens, int completionTokens) {
    public int totalTokens() {
        return promptTokens + completionTokens;
    }
}
