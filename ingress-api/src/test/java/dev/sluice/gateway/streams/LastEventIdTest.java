package dev.sluice.gateway.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.gateway.api.ApiException;
import org.junit.jupiter.api.Test;

class LastEventIdTest {

    @Test
    void absentMeansTheClientHasNothing() {
        assertThat(LastEventId.parse(null)).isEqualTo(-1);
        assertThat(LastEventId.parse(" ")).isEqualTo(-1);
    }

    @Test
    void readsTheSequenceTheClientLastSaw() {
        assertThat(LastEventId.parse("0")).isZero();
        assertThat(LastEventId.parse(" 42 ")).isEqualTo(42);
    }

    @Test
    void refusesWhatIsNotAnEventIdOfThisApi() {
        assertThatThrownBy(() -> LastEventId.parse("abc"))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("Last-Event-ID");
        assertThatThrownBy(() -> LastEventId.parse("-3")).isInstanceOf(ApiException.class);
    }
}
