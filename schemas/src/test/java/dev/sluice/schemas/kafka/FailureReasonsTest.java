package dev.sluice.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.schemas.event.ChatRequested;
import dev.sluice.schemas.serde.JsonSerde;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** Reasons that go to logs and dead letters say what failed and where, never what the record held. */
class FailureReasonsTest {
    private static final String SECRET = "jane.doe@example.com";

    @Test
    void aSerdeFailureQuotesNeitherTheValueNorKeepsTheParserExceptionThatDoes() {
        JsonSerde<ChatRequested> serde = new JsonSerde<>(ChatRequested.class);
        for (String value : new String[] {
            "{\"acceptedAtMs\":\"" + SECRET + "\"}",
            "{\"messages\":[{\"content\":\"" + SECRET + "\"",
            "'" + SECRET + "'"
        }) {
            SerializationException e = catchThrowableOfType(
                    SerializationException.class,
                    () -> serde.deserialize("chat.requests", value.getBytes(StandardCharsets.UTF_8)));

            assertThat(e.getMessage())
                    .startsWith("cannot read ChatRequested from chat.requests: ")
                    .doesNotContain("jane");
            assertThat(e.getCause()).isNull();
        }
    }

    @Test
    void namesTheExceptionAndItsPlaceButNotItsMessage() {
        Exception e = new IllegalStateException("For input string: " + SECRET, new NumberFormatException(SECRET));

        String reason = FailureReasons.describe(e);

        assertThat(reason)
                .contains("IllegalStateException", "NumberFormatException", "FailureReasonsTest.java")
                .doesNotContain("jane");
    }

    @Test
    void showsTheMessageOfAnExceptionMarkedContentFree() {
        class MissingField extends IllegalArgumentException implements FailureReasons.ContentFree {
            MissingField() {
                super("no conversationId");
            }
        }

        assertThat(FailureReasons.describe(new MissingField())).contains("no conversationId");
    }
}
