package dev.sluice.schemas.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The hand-written token chunk is byte for byte what the object mapper writes for the same chunk. */
class ChunkFormatTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static List<String> texts() {
        List<String> texts = new ArrayList<>(List.of(
                "",
                " Hello",
                "a \"quoted\" word",
                "back\\slash",
                "line\nbreak\ttab\r",
                "\u0000\u0001\u001f control",
                "caf\u00e9 \u4f60\u597d \ud83d\ude00 emoji",
                "</script><script>",
                "\u2028\u2029",
                "/slash/"));
        StringBuilder every = new StringBuilder();
        for (char c = 0; c < 0x250; c++) every.append(c);
        texts.add(every.toString());
        return texts;
    }

    @ParameterizedTest
    @MethodSource("texts")
    void deltaMatchesTheMapperForAnyText(String text) {
        ChunkFormat format = new ChunkFormat("0193-id \"odd\"", "model/\u00e9\"x", 1_732_600_000L);
        assertThat(format.delta(null, text, null)).isEqualTo(format.deltaViaMapper(null, text, null));
        assertThat(format.delta("assistant", text, null)).isEqualTo(format.deltaViaMapper("assistant", text, null));
        assertThat(format.delta(null, text, "stop")).isEqualTo(format.deltaViaMapper(null, text, "stop"));
        JsonNode parsed = JSON.readTree(format.delta(null, text, null));
        assertThat(parsed.path("choices").path(0).path("delta").path("content").asString())
                .isEqualTo(text);
    }

    @ParameterizedTest
    @MethodSource("texts")
    void roleOnlyAndFinishOnlyChunksMatchTheMapper(String finish) {
        ChunkFormat format = new ChunkFormat("r1", "m", 1);
        assertThat(format.delta("assistant", null, null)).isEqualTo(format.deltaViaMapper("assistant", null, null));
        assertThat(format.delta(null, null, finish)).isEqualTo(format.deltaViaMapper(null, null, finish));
        assertThat(format.delta(null, null, null)).isEqualTo(format.deltaViaMapper(null, null, null));
    }
}
