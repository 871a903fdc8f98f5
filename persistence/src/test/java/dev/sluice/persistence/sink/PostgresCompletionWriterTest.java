package dev.sluice.persistence.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.persistence.erasure.ErasureLocks;
import dev.sluice.persistence.testing.Await;
import dev.sluice.persistence.testing.Completions;
import dev.sluice.persistence.testing.EmbeddedPostgresServer;
import dev.sluice.persistence.testing.Sql;
import dev.sluice.schemas.event.CompletionRecorded;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
        assertThat(Sql.count(
                        postgres.dataSource(), "SELECT count(*) FROM messages WHERE conversation_id = ?", conversation))
                .isEqualTo(2);
    }

    @Test
    void aBatchRacingAnErasureWaitsForItAndThenLeavesTheConversationErased() throws Exception {
        String conversation = "conv-" + UUID.randomUUID();
        long t0 = System.currentTimeMillis();
        writer.write(List.of(Completions.turn(conversation, "erin", 0, t0, "")));

        try (Connection erasing = postgres.dataSource().getConnection()) {
            // An erasure in progress: its lock taken, its delete not yet committed.
            erasing.setAutoCommit(false);
            try (PreparedStatement lock = erasing.prepareStatement(ErasureLocks.LOCK_EXCLUSIVE)) {
                lock.setString(1, conversation);
                lock.executeQuery().close();
            }
            CompletableFuture<List<CompletionWriter.Rejected>> racing = CompletableFuture.supplyAsync(() -> {
                try {
                    return writer.write(List.of(Completions.turn(conversation, "erin", 1, t0, "")));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Await.until(
                    "the batch to wait for the erasure's lock",
                    Duration.ofSeconds(20),
                    () -> Sql.count(
                            postgres.dataSource(),
                            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"),
                    n -> n >= 1);
            try (PreparedStatement delete = erasing.prepareStatement("DELETE FROM conversations WHERE id = ?");
                    PreparedStatement tombstone = erasing.prepareStatement(
                            "INSERT INTO erased_conversations (id, erased_at) VALUES (?, now())")) {
                delete.setString(1, conversation);
                delete.executeUpdate();
                tombstone.setString(1, conversation);
                tombstone.executeUpdate();
            }
            erasing.commit();

            assertThat(racing.get(20, TimeUnit.SECONDS)).isEmpty();
        }
        assertThat(Sql.count(
                        postgres.dataSource(), "SELECT count(*) FROM messages WHERE conversation_id = ?", conversation))
                .isZero();
        assertThat(Sql.count(postgres.dataSource(), "SELECT count(*) FROM conversations WHERE id = ?", conversation))
                .isZero();
    }

    @Test
    void keepsUpdatedAtAtTheLatestTurnWhateverTheOrderOfArrival() throws Exception {
        String conversation = "conv-" + UUID.randomUUID();
        long t0 = System.currentTimeMillis();
        CompletionRecorded early = Completions.turn(conversation, "bob", 0, t0, "");
        CompletionRecorded late = Completions.turn(conversation, "bob", 3, t0, "");

        writer.write(List.of(late));
        writer.write(List.of(early, early));

        assertThat(Sql.text(
                        postgres.dataSource(),
                        "SELECT (extract(epoch FROM updated_at) * 1000)::bigint FROM conversations WHERE id = ?",
                        conversation))
                .isEqualTo(Long.toString(late.timings().completedAtMs()));
        assertThat(Sql.count(
                        postgres.dataSource(),
                        "SELECT count(*) FROM responses WHERE conversation_id = ?",
                        conversation))
                .isEqualTo(2);
    }

    @Test
    void storesUsageTimingsCacheFlagAndFinishReasonPerResponse() throws Exception {
        CompletionRecorded c =
                Completions.turn("conv-" + UUID.randomUUID(), "carol", 0, System.currentTimeMillis(), "");
        writer.write(List.of(c));

        assertThat(Sql.text(postgres.dataSource(), """
                SELECT concat_ws('|', model, prompt_tokens, completion_tokens, finish_reason, cached, ttft_ms, engine_ttft_ms, duration_ms)
                FROM responses WHERE message_id = ?""", c.correlationId()))
                .isEqualTo("test-model|10|20|stop|f|40|30|300");
    }

    @Test
    void storesUPlus0000AsTheReplacementCharacterInContentAndTitle() throws Exception {
        String conversation = "conv-" + UUID.randomUUID();
        CompletionRecorded c = Completions.turn(conversation, "nul", 0, System.currentTimeMillis(), "");
        CompletionRecorded withNul = new CompletionRecorded(
                c.correlationId(),
                conversation,
                c.userId(),
                c.model(),
                "ask\0me",
                "an\0swer",
                c.usage(),
                c.finishReason(),
                c.cached(),
                c.cacheKey(),
                c.timings());

        assertThat(writer.write(List.of(withNul))).isEmpty();

        assertThat(Sql.text(postgres.dataSource(), "SELECT content FROM messages WHERE id = ?", c.correlationId()))
                .isEqualTo("an\uFFFDswer");
        assertThat(Sql.text(
                        postgres.dataSource(),
                        "SELECT content FROM messages WHERE id = ?",
                        PostgresCompletionWriter.userMessageId(c.correlationId())))
                .isEqualTo("ask\uFFFDme");
        assertThat(Sql.text(postgres.dataSource(), "SELECT title FROM conversations WHERE id = ?", conversation))
                .isEqualTo("ask\uFFFDme");
    }

    @Test
    void tellsARefusedRecordFromAStoreThatIsDown() throws Exception {
        CompletionRecorded refused =
                Completions.turn("conv-\0-" + UUID.randomUUID(), "nul", 0, System.currentTimeMillis(), "");
        Exception failure = org.junit.jupiter.api.Assertions.assertThrows(
                java.sql.SQLException.class, () -> writer.write(List.of(refused)));

        assertThat(writer.storeUnavailable(failure)).isFalse();
        assertThat(writer.describe(failure)).startsWith("SQLState 22021").doesNotContain("conv-");
        assertThat(writer.storeUnavailable(new java.sql.SQLTransientConnectionException("pool timed out")))
                .isTrue();
        assertThat(writer.storeUnavailable(new java.sql.SQLException("connection refused", "08001")))
                .isTrue();
    }
}
