package dev.sluice.it.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.it.SseClient;
import dev.sluice.it.TestStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A turn the owner sends on a conversation id right after erasing it must not continue the
 * erased conversation. The gateway keeps data keys in memory for a while; the erasure reaches
 * that cache through chat.erasures a few hundred milliseconds after the 204, and until then a
 * new turn on the id was accepted under the destroyed key, with the erased history in its prompt.
 */
class ErasedConversationIdTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aTurnSentRightAfterTheDeleteStartsANewConversation() throws Exception {
        TestStack stack = TestStack.get();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String user = "again-" + run;
        String id = "again-" + run + "-conv";

        SseClient.Result first = chat(stack, user, id, "Remember the word marmalade. Tell me a story.");
        assertThat(first.header("X-Conversation-Id")).isEqualTo(id);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (SseClient.get(stack.baseUrl() + "/v1/conversations/" + id, stack.token(user), Map.of())
                        .status()
                != 200) {
            if (System.nanoTime() > deadline) throw new AssertionError("conversation " + id + " never stored");
            Thread.sleep(200);
        }

        HttpRequest delete = HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/v1/conversations/" + id))
                .header("Authorization", "Bearer " + stack.token(user))
                .DELETE()
                .build();
        assertThat(HttpClient.newHttpClient()
                        .send(delete, HttpResponse.BodyHandlers.discarding())
                        .statusCode())
                .isEqualTo(204);

        SseClient.Result again = chat(stack, user, id, "And then?");
        assertThat(again.header("X-Conversation-Id"))
                .as("the erased id is not continued; the turn gets a new conversation of its own")
                .isNotNull()
                .isNotEqualTo(id);
    }

    private static SseClient.Result chat(TestStack stack, String user, String conversation, String content)
            throws Exception {
        SseClient.Result r = SseClient.post(
                stack.baseUrl() + "/v1/chat/completions",
                stack.token(user),
                DataProtectionTest.chat(conversation, content, 16));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.events().getLast().data()).isEqualTo("[DONE]");
        return r;
    }
}
