package dev.sluice.schemas.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.event.Usage;
import dev.sluice.schemas.serde.Json;
import org.junit.jupiter.api.Test;

/** The response store's keys and value as written down in the package documentation; stored answers of older builds must still read. */
class ResponseStoreContractTest {

    @Test
    void keysFollowTheDocumentedLayout() {
        assertThat(ResponseStoreKeys.response("ab12")).isEqualTo("sluice:cache:ab12");
        assertThat(ResponseStoreKeys.conversationIndex("c-1")).isEqualTo("sluice:conv-cache:c-1");
        assertThat(ResponseStoreKeys.erased("c-1")).isEqualTo("sluice:erased:c-1");
    }

    @Test
    void aStoredAnswerReadsBackFromTheDocumentedJson() {
        String stored =
                "{\"content\":\"Hi there\",\"usage\":{\"promptTokens\":12,\"completionTokens\":34},\"model\":\"m\",\"finishReason\":\"stop\"}";

        CachedResponse read = Json.MAPPER.readValue(stored, CachedResponse.class);

        assertThat(read).isEqualTo(new CachedResponse("Hi there", new Usage(12, 34), "m", "stop"));
        assertThat(Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(read), CachedResponse.class))
                .isEqualTo(read);
    }
}
