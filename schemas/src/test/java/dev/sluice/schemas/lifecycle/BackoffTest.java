package dev.sluice.schemas.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesUpToItsMaximumAndStartsOverAfterAReset() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(500));

        assertThat(b.next()).isEqualTo(Duration.ofMillis(100));
        assertThat(b.next()).isEqualTo(Duration.ofMillis(200));
        assertThat(b.next()).isEqualTo(Duration.ofMillis(400));
        assertThat(b.next()).isEqualTo(Duration.ofMillis(500));
        assertThat(b.next()).isEqualTo(Duration.ofMillis(500));
        b.reset();
        assertThat(b.next()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void aMaximumThatIsNotAPowerOfTwoOfTheFirstWaitIsReachedNotPassed() {
        Backoff b = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30));
        Duration last = Duration.ZERO;
        for (int i = 0; i < 20; i++) last = b.next();

        assertThat(last).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void refusesAZeroFirstWaitOrAMaximumBelowIt() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
