package dev.sluice.persistence.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.persistence.testing.Completions;
import dev.sluice.persistence.testing.EmbeddedPostgresServer;
import dev.sluice.persistence.testing.Sql;
import dev.sluice.schemas.event.CompletionRecorded;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresCompletionWriterTest {
    private static EmbeddedPostgresServer postgres;
    private static PostgresCompletionWriter writer;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgresServer.start();
        writer = new PostgresCompletionWriter(postgres.dataSource());
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) postgres.close();
    }

    @Test
    void refusesACompletionThatNamesAnotherUsersConversation() throws Exception {
        String conversation = "conv-" + UUID.randomUUID();
        long t0 = System.currentTimeMillis();
        writer.write(List.of(Completions.turn(conversation, "alice", 0, t0, "")));

        CompletionRecorded intruding = Completions.turn(conversation, "mallory", 1, t0, "");
        List<CompletionWriter.Rejected> rejected = writer.write(List.of(intruding));

        assertThat(rejected).extracting(CompletionWriter.Rejected::completion).containsExactly(intruding);
        assertThat(rejected.getFirst().reason()).contains("belongs to another user");
        assertThat(Sql.count(postgres.dataSource(), "SELECT count(*) FROM messages WHERE conversation_id = ?", conversation)).isEqualTo(2);
    }

    @Test
    void keepsUpdatedAtAtTheLatestTurnWhateverTheOrderOfArrival() throws Exception {
        String conversation = "conv-" + UUID.randomUUID();
        long t0 = System.currentTimeMillis();
        CompletionRecorded early = Completions.turn(conversation, "bob", 0, t0, "");
        CompletionRecorded late = Completions.turn(conversation, "bob", 3, t0, "");

        writer.write(List.of(late));
        writer.write(List.of(early, early));

        assertThat(Sql.text(postgres.dataSource(), "SELECT (extract(epoch FROM updated_at) * 1000)::bigint FROM conversations WHERE id = ?", conversation))
                .isEqualTo(Long.toString(late.timings().completedAtMs()));
        assertThat(Sql.count(postgres.dataSource(), "SELECT count(*) FROM responses WHERE conversation_id = ?", conversation)).isEqualTo(2);
    }

    @Test
    void storesUsageTimingsCacheFlagAndFinishReasonPerResponse() throws Exception {
        CompletionRecorded c = Completions.turn("conv-" + UUID.randomUUID(), "carol", 0, System.currentTimeMillis(), "");
        writer.write(List.of(c));

        assertThat(Sql.text(postgres.dataSource(), """
                SELECT concat_ws('|', model, prompt_tokens, completion_tokens, finish_reason, cached, ttft_ms, engine_ttft_ms, duration_ms)
                FROM responses WHERE message_id = ?""", c.correlationId()))
                .isEqualTo("test-model|10|20|stop|f|40|30|300");
    }
}
