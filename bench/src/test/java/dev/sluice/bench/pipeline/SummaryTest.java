package dev.sluice.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void nearestRankPercentilesOfOneToHundredAreTheRanksThemselves() {
        double[] values =
                IntStream.rangeClosed(1, 100).mapToDouble(i -> 101 - i).toArray();

        Summary s = Summary.of(values);

        assertThat(s.count()).isEqualTo(100);
        assertThat(s.p50()).isEqualTo(50);
        assertThat(s.p95()).isEqualTo(95);
        assertThat(s.p99()).isEqualTo(99);
        assertThat(s.max()).isEqualTo(100);
        assertThat(s.mean()).isEqualTo(50.5);
    }

    @Test
    void aSingleSlowRequestInTwentyShowsUpAtP99ButNotAtP95() {
        double[] values = new double[20];
        java.util.Arrays.fill(values, 3.0);
        values[7] = 40.0;

        Summary s = Summary.of(values);

        assertThat(s.p50()).isEqualTo(3.0);
        assertThat(s.p95()).isEqualTo(3.0);
        assertThat(s.p99()).isEqualTo(40.0);
    }

    @Test
    void smallSamplesPickMeasuredValuesNotInterpolations() {
        Summary s = Summary.of(new double[] {10, 30, 20});

        assertThat(s.p50()).isEqualTo(20);
        assertThat(s.p95()).isEqualTo(30);
        assertThat(s.p99()).isEqualTo(30);
    }

    @Test
    void anEmptySampleHasNoPercentiles() {
        Summary s = Summary.of(new double[0]);

        assertThat(s.count()).isZero();
        assertThat(s.p99()).isNaN();
    }

    @Test
    void doesNotReorderTheCallersArray() {
        double[] values = {3, 1, 2};

        Summary.of(values);

        assertThat(values).containsExactly(3, 1, 2);
    }
}
