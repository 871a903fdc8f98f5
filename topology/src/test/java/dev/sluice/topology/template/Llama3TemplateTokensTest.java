package dev.sluice.topology.template;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.sluice.schemas.event.ChatMessage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rendered Llama 3.1 prompt, tokenized by the real Llama 3 tokenizer, must give exactly
 * the ids Meta's format prescribes: special tokens as single ids, never spelled out as text.
 */
class Llama3TemplateTokensTest {
    private static final long BEGIN = 128000;
    private static final long START_HEADER = 128006;
    private static final long END_HEADER = 128007;
    private static final long EOT = 128009;
    private static final long SYSTEM = 9125;
    private static final long USER = 882;
    private static final long ASSISTANT = 78191;
    private static final long DOUBLE_NEWLINE = 271;

    private static HuggingFaceTokenizer tokenizer;

    @BeforeAll
    static void load() throws Exception {
        Path dir = Path.of(System.getProperty("sluice.models.dir", "../../shared/models"), "llama3-tokenizer");
        assertThat(dir.resolve("tokenizer.json"))
                .as("the Llama 3 tokenizer from ../shared/models is required")
                .exists();
        tokenizer = HuggingFaceTokenizer.newInstance(
                dir.resolve("tokenizer.json"),
                Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"));
    }

    @AfterAll
    static void close() {
        if (tokenizer != null) tokenizer.close();
    }

    @Test
    void systemAndUserTurnsTokenizeToTheLlama31Layout() {
        String prompt =
                PromptTemplate.LLAMA3.render(List.of(ChatMessage.system("You are helpful."), ChatMessage.user("Hi")));

        long[] ids = tokenizer.encode(prompt).getIds();

        long[] hi = ids(tokenizer.encode("Hi"));
        long[] sys = ids(tokenizer.encode("You are helpful."));
        long[] expected = concat(
                new long[] {BEGIN, START_HEADER, SYSTEM, END_HEADER, DOUBLE_NEWLINE},
                sys,
                new long[] {EOT, START_HEADER, USER, END_HEADER, DOUBLE_NEWLINE},
                hi,
                new long[] {EOT, START_HEADER, ASSISTANT, END_HEADER, DOUBLE_NEWLINE});
        assertThat(ids).containsExactly(expected);
        assertThat(hi).containsExactly(13347L);
    }

    @Test
    void aMultiTurnConversationEndsWithAnOpenAssistantHeader() {
        String prompt = PromptTemplate.LLAMA3.render(
                List.of(ChatMessage.user("Hi"), ChatMessage.assistant("Hello!"), ChatMessage.user("Bye")));

        long[] ids = tokenizer.encode(prompt).getIds();

        assertThat(ids[0]).isEqualTo(BEGIN);
        assertThat(Arrays.stream(ids).filter(i -> i == EOT).count()).isEqualTo(3);
        assertThat(Arrays.copyOfRange(ids, ids.length - 4, ids.length))
                .containsExactly(START_HEADER, ASSISTANT, END_HEADER, DOUBLE_NEWLINE);
    }

    @Test
    void surroundingWhitespaceOfATurnDoesNotChangeItsTokens() {
        long[] padded = tokenizer
                .encode(PromptTemplate.LLAMA3.render(List.of(ChatMessage.user("  Hi \n"))))
                .getIds();
        long[] plain = tokenizer
                .encode(PromptTemplate.LLAMA3.render(List.of(ChatMessage.user("Hi"))))
                .getIds();
        assertThat(padded).containsExactly(plain);
    }

    private static long[] ids(Encoding e) {
        return e.getIds();
    }

    private static long[] concat(long[]... parts) {
        return Arrays.stream(parts).flatMapToLong(Arrays::stream).toArray();
    }
}
