package dev.sluice.persistence.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.sluice.persistence.erasure.ConversationEraser;
import dev.sluice.persistence.sink.PostgresCompletionWriter;
import dev.sluice.persistence.testing.Completions;
import dev.sluice.persistence.testing.EmbeddedPostgresServer;
import dev.sluice.persistence.testing.Sql;
import dev.sluice.schemas.event.CompletionRecorded;
import dev.sluice.schemas.serde.Json;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import tools.jackson.databind.JsonNode;

/** The history API over a real PostgreSQL filled by the sink's writer. */
class ConversationControllerTest {
    private static EmbeddedPostgresServer postgres;
    private static MockMvc mvc;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgresServer.start();
        mvc = MockMvcBuilders.standaloneSetup(new ConversationController(
                        new ConversationHistory(postgres.dataSource()),
                        new ConversationEraser(postgres.dataSource()),
                        dev.sluice.schemas.crypto.ContentCipher.DISABLED))
                .build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) postgres.close();
    }

    private static Principal as(String user) {
        return () -> user;
    }

    /** Writes {@code count} conversations for the user, the i-th last updated i minutes after t0. */
    private static List<String> conversationsOf(String user, int count) throws Exception {
        long t0 = System.currentTimeMillis() - 3_600_000;
        List<CompletionRecorded> batch = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = user + "-c" + i;
            ids.add(id);
            batch.add(Completions.turn(id, user, 0, t0 + i * 60_000L, ""));
        }
        new PostgresCompletionWriter(postgres.dataSource()).write(batch);
        return ids;
    }

    private static JsonNode json(String body) {
        return Json.MAPPER.readTree(body);
    }

    @Test
    void listsTheUsersConversationsNewestFirstInPages() throws Exception {
        String user = "pager-" + UUID.randomUUID();
        List<String> ids = conversationsOf(user, 5);
        conversationsOf("someone-else-" + UUID.randomUUID(), 2);

        JsonNode first =
                json(mvc.perform(get("/v1/conversations").param("limit", "2").principal(as(user)))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString());
        assertThat(first.path("object").asString()).isEqualTo("list");
        assertThat(first.path("has_more").asBoolean()).isTrue();
        assertThat(first.path("data")
                        .valueStream()
                        .map(n -> n.path("id").asString())
                        .toList())
                .containsExactly(ids.get(4), ids.get(3));
        assertThat(first.path("data").get(0).path("title").asString()).isEqualTo("question 0 of " + ids.get(4));
        assertThat(first.path("data").get(0).path("created_at").isNumber()).isTrue();

        List<String> seen = new ArrayList<>();
        String cursor = first.path("next_cursor").asString();
        first.path("data").forEach(n -> seen.add(n.path("id").asString()));
        while (cursor != null) {
            JsonNode page = json(mvc.perform(get("/v1/conversations")
                            .param("limit", "2")
                            .param("before", cursor)
                            .principal(as(user)))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString());
            page.path("data").forEach(n -> seen.add(n.path("id").asString()));
            cursor =
                    page.path("has_more").asBoolean() ? page.path("next_cursor").asString() : null;
        }
        assertThat(seen).containsExactly(ids.get(4), ids.get(3), ids.get(2), ids.get(1), ids.get(0));
    }

    @Test
    void showsAConversationsMessagesInOrder() throws Exception {
        String user = "reader-" + UUID.randomUUID();
        String conversation = "conv-" + UUID.randomUUID();
        long t0 = System.currentTimeMillis() - 60_000;
        // Written out of order and in two batches, as partitions and retries may deliver them.
        new PostgresCompletionWriter(postgres.dataSource())
                .write(List.of(Completions.turn(conversation, user, 1, t0, "")));
        new PostgresCompletionWriter(postgres.dataSource())
                .write(List.of(Completions.turn(conversation, user, 0, t0, "")));

        mvc.perform(get("/v1/conversations/{id}", conversation).principal(as(user)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(conversation))
                .andExpect(jsonPath("$.title").value("question 0 of " + conversation))
                .andExpect(jsonPath("$.messages.length()").value(4))
                .andExpect(jsonPath("$.messages[0].role").value("user"))
                .andExpect(jsonPath("$.messages[0].content").value("question 0 of " + conversation))
                .andExpect(jsonPath("$.messages[1].role").value("assistant"))
                .andExpect(jsonPath("$.messages[1].content").value("answer 0 of " + conversation))
                .andExpect(jsonPath("$.messages[2].content").value("question 1 of " + conversation))
                .andExpect(jsonPath("$.messages[3].content").value("answer 1 of " + conversation));
    }

    @Test
    void answersAnotherUsersConversationLikeAnUnknownOne() throws Exception {
        String owner = "owner-" + UUID.randomUUID();
        String conversation = conversationsOf(owner, 1).getFirst();

        for (String id : List.of(conversation, "no-such-conversation")) {
            mvc.perform(get("/v1/conversations/{id}", id).principal(as("intruder")))
                    .andExpect(status().isNotFound())
                    .andExpect(jsonPath("$.error.type").value("invalid_request_error"))
                    .andExpect(jsonPath("$.error.code").value("conversation_not_found"))
                    .andExpect(jsonPath("$.error.param").isEmpty())
                    .andExpect(jsonPath("$.error.message").isNotEmpty());
        }
        mvc.perform(delete("/v1/conversations/{id}", conversation).principal(as("intruder")))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.error.code").value("conversation_not_found"));
        assertThat(Sql.count(
                        postgres.dataSource(), "SELECT count(*) FROM messages WHERE conversation_id = ?", conversation))
                .isEqualTo(2);
    }

    @Test
    void erasingAConversationDeletesItsRowsAndKeepsItDeleted() throws Exception {
        String user = "eraser-" + UUID.randomUUID();
        String conversation = conversationsOf(user, 1).getFirst();

        mvc.perform(delete("/v1/conversations/{id}", conversation).principal(as(user)))
                .andExpect(status().isNoContent());
        // A completion of it that was still in flight arrives afterwards.
        new PostgresCompletionWriter(postgres.dataSource())
                .write(List.of(Completions.turn(conversation, user, 5, System.currentTimeMillis(), "")));

        mvc.perform(get("/v1/conversations/{id}", conversation).principal(as(user)))
                .andExpect(status().isNotFound());
        for (String table : List.of("messages", "responses")) {
            assertThat(Sql.count(
                            postgres.dataSource(),
                            "SELECT count(*) FROM " + table + " WHERE conversation_id = ?",
                            conversation))
                    .isZero();
        }
        assertThat(Sql.count(postgres.dataSource(), "SELECT count(*) FROM conversations WHERE id = ?", conversation))
                .isZero();
    }

    @Test
    void rejectsACursorItDidNotIssueAndALimitOutOfRange() throws Exception {
        mvc.perform(get("/v1/conversations").param("before", "bm90LWEtY3Vyc29y").principal(as("alice")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error.code").value("invalid_cursor"));
        mvc.perform(get("/v1/conversations").param("limit", "0").principal(as("alice")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error.param").value("limit"));
    }
}
