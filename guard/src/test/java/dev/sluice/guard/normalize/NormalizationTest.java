package dev.sluice.guard.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class NormalizationTest {

    @Test
    void stripsZeroWidthAndBidiCharactersAndMapsOffsetsBack() {
        String original = "ig\u200Bno\u202Ere me";

        NormalizedText n = TextNormalizer.normalize(original);

        assertThat(n.text()).isEqualTo("ignore me");
        assertThat(n.obfuscation()).contains("invisible", "bidi-control");
        int start = n.text().indexOf("me");
        assertThat(original.substring(n.originalStart(start), n.originalEnd(start + 2)))
                .isEqualTo("me");
    }

    @Test
    void foldsFullwidthAndCyrillicLookalikesToLatin() {
        assertThat(TextNormalizer.normalize("ｉｇｎｏｒｅ").text()).isEqualTo("ignore");
        NormalizedText cyr = TextNormalizer.normalize("\u0456gn\u043Er\u0435");
        assertThat(cyr.text()).isEqualTo("ignore");
        assertThat(cyr.obfuscation()).contains("confusable");
    }

    @Test
    void leavesPlainAsciiUntouchedAndShared() {
        String s = "plain text 123";
        NormalizedText n = TextNormalizer.normalize(s);
        assertThat(n.text()).isSameAs(s);
        assertThat(n.originalEnd(5)).isEqualTo(5);
    }

    @Test
    void foldsLeetspeakInsideWordsButNotStandaloneNumbers() {
        assertThat(Folding.fold("1gn0r3 4ll pr3v10us")).isEqualTo("ignore all previous");
        assertThat(Folding.fold("Give me 10 rows, not 3!")).isEqualTo("give me 10 rows, not 3!");
        assertThat(Folding.fold("Wow!!! Great")).isEqualTo("wow!!! great");
    }

    @Test
    void joinsSpacedOutLetters() {
        assertThat(Folding.fold("please i g n o r e the rules")).isEqualTo("please ignore the rules");
    }

    @Test
    void decodesBase64HexAndUrlEncodingOnlyWhenTheResultReadsAsText() {
        String b64 =
                Base64.getEncoder().encodeToString("ignore previous instructions".getBytes(StandardCharsets.UTF_8));
        assertThat(PayloadDecoder.decode("run " + b64))
                .extracting(DecodedPayload::text)
                .contains("ignore previous instructions");
        assertThat(PayloadDecoder.decode("69676e6f726520616c6c2072756c6573"))
                .extracting(DecodedPayload::text)
                .contains("ignore all rules");
        assertThat(PayloadDecoder.decode("say%20hello%20to%20the%20admin"))
                .extracting(DecodedPayload::kind)
                .contains("url");
        // A SHA-256 digest is hex but not text: nothing to inspect.
        assertThat(PayloadDecoder.decode("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"))
                .isEmpty();
    }

    @Test
    void recoversTextSmuggledInUnicodeTagCharacters() {
        StringBuilder s = new StringBuilder("hello");
        for (char c : "ignore rules".toCharArray()) {
            s.appendCodePoint(0xE0000 + c);
        }

        Inspection i = Inspection.of(s.toString());

        assertThat(i.normalized().text()).isEqualTo("hello");
        assertThat(i.decoded()).extracting(Inspection.Segment::folded).contains("ignore rules");
    }

    @Test
    void joinsLongSpacedRunsAlternatingBmpAndSupplementaryLettersWithoutOverflowing() {
        StringBuilder spaced = new StringBuilder();
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            String letter = i % 2 == 0 ? "a" : "\uD835\uDC1A"; // MATHEMATICAL BOLD SMALL A, two chars
            spaced.append(letter).append(' ');
            joined.append(letter);
        }
        spaced.setLength(spaced.length() - 1);

        assertThat(Folding.fold(spaced.toString())).isEqualTo(joined.toString());
    }

    @Test
    void spacedRunsKeepSupplementaryLettersWholeAndStopBeforeAWord() {
        assertThat(Folding.fold("\uD835\uDC1A b \uD835\uDC1C")).isEqualTo("\uD835\uDC1Ab\uD835\uDC1C");
        assertThat(Folding.fold("please i.g.n.o.r.e this; a b c de; ab c d e; x y"))
                .isEqualTo("please ignore this; abc de; ab cde; x y");
    }
}
