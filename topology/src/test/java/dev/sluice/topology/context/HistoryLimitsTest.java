package dev.sluice.topology.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.schemas.event.ChatMessage;
import dev.sluice.schemas.serde.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryLimitsTest {

    @Test
    void dropsTheOldestTurnsFirstAndKeepsTheSystemPrompt() {
        HistoryLimits limits = new HistoryLimits(4, 64 * 1024);
        List<ChatMessage> turns = new ArrayList<>(List.of(ChatMessage.system("Rules.")));
        for (int i = 1; i <= 6; i++) turns.add(ChatMessage.user("turn " + i));

        assertThat(limits.bound(turns))
                .extracting(ChatMessage::content)
                .containsExactly("Rules.", "turn 4", "turn 5", "turn 6");
    }

    @Test
    void keepsHistoryContiguousWhenAnOlderTurnWouldStillFit() {
        HistoryLimits limits = new HistoryLimits(10, 1900);
        List<ChatMessage> turns = List.of(
                ChatMessage.user("small"), ChatMessage.user("x".repeat(1500)), ChatMessage.user("y".repeat(400)));

        assertThat(limits.bound(turns)).extracting(ChatMessage::content).containsExactly("y".repeat(400));
    }

    @Test
    void theNewestTurnIsKeptBeforeALargeSystemPrompt() {
        HistoryLimits limits = new HistoryLimits(10, 2048);
        List<ChatMessage> turns = List.of(
                ChatMessage.system("s".repeat(1200)), ChatMessage.user("old"), ChatMessage.user("q".repeat(1000)));

        assertThat(limits.bound(turns)).extracting(ChatMessage::content).containsExactly("old", "q".repeat(1000));
    }

    @Test
    void measuresATurnAsTheJsonItIsStoredAs() {
        for (String text : List.of(
                "plain", "quote \" and \\ back", "line\nbreak\ttab", "nul \0 and \u0001", "é ü ß", "日本語", "emoji 😀")) {
            ChatMessage m = ChatMessage.user(text);
            int json = Json.MAPPER.writeValueAsBytes(m).length;
            assertThat(HistoryLimits.bytes(m)).as(text).isBetween(json, json + HistoryLimits.TURN_OVERHEAD);
        }
    }

    @Test
    void refusesABoundThatWouldLetAPromptPassTheBrokersLimit() {
        assertThatThrownBy(() -> new HistoryLimits(200, 1024 * 1024)).hasMessageContaining("sluice.context.max-bytes");
    }
}
