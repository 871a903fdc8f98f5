package dev.sluice.worker.engine.openai;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the engine reads out of the chunks that vLLM, llama-server and others send. */
class SseChunkTest {
    @Test
    void readsTheTextOfADeltaAndIgnoresFieldsItDoesNotUse() {
        SseChunk c = SseChunk.parse(
                "{\"id\":\"x\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"system_fingerprint\":null,"
                        + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\" caf\\u00e9 \\\"q\\\"\",\"tool_calls\":[]},\"logprobs\":null,\"finish_reason\":null}],\"new_field\":{\"a\":1}}");
        assertThat(c.content()).isEqualTo(" café \"q\"");
        assertThat(c.finishReason()).isNull();
        assertThat(c.promptTokens()).isEqualTo(-1);
        assertThat(c.error()).isNull();
    }

    @Test
    void readsTheFinishReasonAndAUsageOnlyLastChunk() {
        assertThat(SseChunk.parse("{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]}")
                        .finishReason())
                .isEqualTo("length");
        SseChunk usage = SseChunk.parse(
                "{\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":34,\"total_tokens\":46}}");
        assertThat(usage.content()).isNull();
        assertThat(usage.promptTokens()).isEqualTo(12);
        assertThat(usage.completionTokens()).isEqualTo(34);
        assertThat(SseChunk.parse("{\"choices\":[{\"delta\":{\"content\":\"a\"}}],\"usage\":null}")
                        .promptTokens())
                .isEqualTo(-1);
    }

    @Test
    void reportsErrorsSentAsAStringOrAnObject() {
        assertThat(SseChunk.parse("{\"error\":\"overloaded\"}").error()).isEqualTo("overloaded");
        assertThat(SseChunk.parse("{\"error\":{\"message\":\"context too long\",\"type\":\"invalid_request_error\"}}")
                        .error())
                .isEqualTo("context too long");
        assertThat(SseChunk.parse("{\"error\":null,\"choices\":[{\"delta\":{\"content\":\"ok\"}}]}")
                        .content())
                .isEqualTo("ok");
    }

    @Test
    void anUnreadableEventBecomesAnErrorNotAnException() {
        assertThat(SseChunk.parse("{not json").error()).startsWith("unreadable stream event");
        assertThat(SseChunk.parse("null").error()).startsWith("unreadable stream event");
    }

    @Test
    void readsOnlyTheFirstChoiceAndTheLastOccurrenceOfAField() {
        SseChunk c = SseChunk.parse("{\"choices\":[{\"delta\":{\"content\":\"a\",\"content\":\"b\"}},"
                + "{\"delta\":{\"content\":\"second choice\"},\"finish_reason\":\"stop\"}]}");
        assertThat(c.content()).isEqualTo("b");
        assertThat(c.finishReason()).isNull();
        assertThat(SseChunk.parse("{\"choices\":[null,{\"delta\":{\"content\":\"x\"}}]}")
                        .content())
                .isNull();
        assertThat(SseChunk.parse("{\"choices\":null,\"usage\":{\"prompt_tokens\":\"3\",\"completion_tokens\":4}}")
                        .promptTokens())
                .isEqualTo(3);
        assertThat(SseChunk.parse("{\"usage\":{\"prompt_tokens\":3}}").completionTokens())
                .isEqualTo(-1);
        assertThat(SseChunk.parse("{\"choices\":[{\"delta\":{\"content\":\"a\"}}],\"choices\":null}")
                        .content())
                .isNull();
        assertThat(SseChunk.parse("{\"choices\":[{\"delta\":{\"content\":\"a\"},\"delta\":null}]}")
                        .content())
                .isNull();
    }

    @Test
    void skipsNestedFieldsItDoesNotUseWhateverTheirShape() {
        SseChunk c = SseChunk.parse("{\"x\":[{\"choices\":[{\"delta\":{\"content\":\"no\"}}]}],"
                + "\"choices\":[{\"logprobs\":{\"content\":[{\"token\":\"t\",\"top\":[[1,2],{}]}]},"
                + "\"delta\":{\"tool_calls\":[{\"content\":\"no\"}],\"content\":\"yes\"}}],\"error\":null}");
        assertThat(c.content()).isEqualTo("yes");
        assertThat(c.error()).isNull();
    }

    @Test
    void aFieldOfTheWrongShapeOrTrailingTextIsUnreadable() {
        assertThat(SseChunk.parse("{\"choices\":{\"delta\":{}}}").error()).startsWith("unreadable stream event");
        assertThat(SseChunk.parse("{\"choices\":[{\"delta\":{\"content\":{\"text\":\"a\"}}}]}")
                        .error())
                .startsWith("unreadable stream event");
        assertThat(SseChunk.parse("{\"choices\":[{\"delta\":[]}]}").error()).startsWith("unreadable stream event");
        assertThat(SseChunk.parse("{\"usage\":{\"prompt_tokens\":\"many\"}}").error())
                .startsWith("unreadable stream event");
        assertThat(SseChunk.parse("{\"choices\":[]} {}").error()).startsWith("unreadable stream event");
        assertThat(SseChunk.parse("[]").error()).startsWith("unreadable stream event");
        assertThat(SseChunk.parse("").error()).startsWith("unreadable stream event");
        assertThat(SseChunk.parse("{\"choices\":[{\"delta\":{\"content\":\"a\"}}]")
                        .error())
                .startsWith("unreadable stream event");
    }

    @Test
    void anErrorOfAnyOtherShapeIsReportedAsItsJson() {
        assertThat(SseChunk.parse("{\"error\":{\"code\":503}}").error()).isEqualTo("{\"code\":503}");
        assertThat(SseChunk.parse("{\"error\":true}").error()).isEqualTo("true");
        assertThat(SseChunk.parse("{\"choices\":[{\"delta\":{\"content\":\"a\"}}],\"error\":\"late\"}")
                        .error())
                .isEqualTo("late");
    }
}
