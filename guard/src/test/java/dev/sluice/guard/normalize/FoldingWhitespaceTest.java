package dev.sluice.guard.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@link Folding#collapseWhitespace} does what the regex it replaced did, on every kind of run. */
class FoldingWhitespaceTest {
    private static final Pattern REFERENCE = Pattern.compile("[ \\t\\x0B\\f\\u00A0]+");

    @Test
    void collapsesEveryRunAsTheRegexDid() {
        List<String> texts = new ArrayList<>(List.of(
                "",
                " ",
                "  ",
                "a",
                "a b",
                "a  b",
                " a ",
                "\ta\t",
                "a\u00A0b",
                "a \u00A0\t\u000B\f b",
                "line\nbreak \n kept",
                "\r\n",
                "ends with spaces   ",
                "   starts with spaces",
                "é  中\u2003em-space is not collapsed"));
        // Random texts over an alphabet heavy in the characters that matter.
        char[] alphabet = {'a', 'b', ' ', ' ', '\t', '\u000B', '\f', '\u00A0', '\n', '\r', '.', 'é', '\u2003'};
        Random random = new Random(42);
        for (int t = 0; t < 20_000; t++) {
            StringBuilder b = new StringBuilder();
            int len = random.nextInt(24);
            for (int i = 0; i < len; i++) b.append(alphabet[random.nextInt(alphabet.length)]);
            texts.add(b.toString());
        }
        for (String text : texts) {
            assertThat(Folding.collapseWhitespace(text))
                    .as("%s", text.replace("\t", "\\t").replace("\n", "\\n"))
                    .isEqualTo(REFERENCE.matcher(text).replaceAll(" "));
        }
    }

    @Test
    void aTextWithNothingToCollapseIsReturnedAsIs() {
        String plain = "one space between words, no tabs";
        assertThat(Folding.collapseWhitespace(plain)).isSameAs(plain);
    }
}
