package dev.sluice.worker.engine.ffm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextOutputTest {
    @Test
    void joinsACharacterSplitAcrossTokens() {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        TextOutput out = new TextOutput(List.of());

        assertThat(out.accept(Arrays.copyOfRange(euro, 0, 2))).isEmpty();
        assertThat(out.accept(new byte[] {euro[2], 'x'})).isEqualTo("€x");
    }

    @Test
    void holdsBackAPossibleStopAndReleasesItWhenItIsNotOne() {
        TextOutput out = new TextOutput(List.of("END"));

        assertThat(out.accept(bytes("abc E"))).isEqualTo("abc ");
        assertThat(out.accept(bytes("N"))).isEmpty();
        assertThat(out.accept(bytes("d"))).isEqualTo("ENd");
        assertThat(out.stopped()).isFalse();
    }

    @Test
    void stopsAtTheEarliestStopStringAcrossTokens() {
        TextOutput out = new TextOutput(List.of("END", "xyz"));

        assertThat(out.accept(bytes("hello E"))).isEqualTo("hello ");
        assertThat(out.accept(bytes("ND and more"))).isEmpty();
        assertThat(out.stopped()).isTrue();
        assertThat(out.flush()).isEmpty();
    }

    @Test
    void flushReleasesAHeldPartialStopAtTheEnd() {
        TextOutput out = new TextOutput(List.of("END"));

        assertThat(out.accept(bytes("ok EN"))).isEqualTo("ok ");
        assertThat(out.flush()).isEqualTo("EN");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
