package dev.sluice.guard.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LogisticRegressionTest {

    private static double[][] points(boolean[] y, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[y.length][];
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 3 == 0;
            x[i] = new double[] {r.nextGaussian() + (y[i] ? 2 : -2), r.nextGaussian()};
        }
        return x;
    }

    @Test
    void separatesTwoClustersAndIsDeterministicForASeed() {
        boolean[] y = new boolean[300];
        double[][] x = points(y, 1);

        double[] w = new LogisticRegression(1e-4, 300, 0.05).fit(x, y, 7);
        double[] again = new LogisticRegression(1e-4, 300, 0.05).fit(x, y, 7);

        Head head = new Head("t", "injection", java.util.Arrays.copyOf(w, 2), w[2], 0.5);
        int right = 0;
        for (int i = 0; i < x.length; i++) right += head.fires(head.probability(x[i])) == y[i] ? 1 : 0;
        assertThat(right).isGreaterThan(285);
        assertThat(again).containsExactly(w);
    }

    @Test
    void rowWeightsOfOneFitBitForBitAsNoneAndAHeavierNegativeIsPushedDown() {
        boolean[] y = new boolean[300];
        double[][] x = points(y, 2);
        double[] ones = new double[300];
        java.util.Arrays.fill(ones, 1);
        // The negative the unweighted fit scores highest: the hardest benign row.
        double[] plain = new LogisticRegression(1e-4, 300, 0.05).fit(x, y, 7);
        Head before = new Head("t", "safety", java.util.Arrays.copyOf(plain, 2), plain[2], 0.5);
        int hardest = -1;
        for (int i = 0; i < x.length; i++)
            if (!y[i] && (hardest < 0 || before.probability(x[i]) > before.probability(x[hardest]))) hardest = i;
        double[] heavy = ones.clone();
        heavy[hardest] = 20;

        double[] weighted = new LogisticRegression(1e-4, 300, 0.05).fit(x, y, heavy, 7);
        Head after = new Head("t", "safety", java.util.Arrays.copyOf(weighted, 2), weighted[2], 0.5);

        assertThat(new LogisticRegression(1e-4, 300, 0.05).fit(x, y, ones, 7)).containsExactly(plain);
        assertThat(after.probability(x[hardest])).isLessThan(before.probability(x[hardest]));
        assertThatThrownBy(() -> new LogisticRegression(1e-4, 10, 0.05).fit(x, y, new double[300], 7))
                .hasMessageContaining("positive");
    }

    @Test
    void refusesASingleClass() {
        assertThatThrownBy(() -> new LogisticRegression(0, 10, 0.1)
                        .fit(new double[][] {{1}, {2}}, new boolean[] {true, true}, 1))
                .hasMessageContaining("both positive and negative");
    }

    @Test
    void scoreMapsTheThresholdToTheDefaultBlockLevel() {
        Head head = new Head("t", "injection", new double[] {1}, 0, 0.6);

        assertThat(head.score(0.6)).isEqualTo(0.8);
        assertThat(head.score(0.3)).isEqualTo(0.1);
        assertThat(head.score(0.54)).isGreaterThan(0.5); // within 10% of the threshold: flagged
        assertThat(head.score(1.0)).isEqualTo(1.0);
    }
}
