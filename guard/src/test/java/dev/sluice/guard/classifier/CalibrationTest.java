package dev.sluice.guard.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.guard.Action;
import dev.sluice.guard.GuardConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Synthetic scores: 100 benign calibration rows (one blocked row fits the 1% block budget), a hate
 * head whose only step down blocks one benign row for half its rows, a self_harm head whose only
 * step down fires on another benign row for all of its rows. Shared, self_harm's better step takes
 * the one benign row the budget allows and hate stays shut; apart, both step down.
 */
class CalibrationTest {
    private static final List<String> NAMES = List.of("hate", "self_harm");

    private final List<TrainingSet.Row> rows = new ArrayList<>();
    private final List<double[]> scores = new ArrayList<>(); // {hate, self_harm} per row
    private final List<Integer> sides = new ArrayList<>();

    private void row(String label, String slice, int side, double hate, double selfHarm) {
        Set<String> labels = label.isEmpty() ? Set.of() : Set.of(label);
        rows.add(new TrainingSet.Row("row " + rows.size(), labels, "g" + rows.size(), slice));
        scores.add(new double[] {hate, selfHarm});
        sides.add(side);
    }

    CalibrationTest() {
        for (int i = 0; i < 98; i++) row("", "chat", 1, 0.1, 0.1);
        row("", "chat", 1, 0.7, 0.1); // the benign row hate's step blocks
        row("", "chat", 1, 0.1, 0.7); // the benign row self_harm's step fires on
        for (int i = 0; i < 5; i++) row("hate", "hate", 1, 0.6, 0.1);
        for (int i = 0; i < 5; i++) row("hate", "hate", 1, 0.02, 0.1); // under the floor: never reachable
        for (int i = 0; i < 10; i++) row("self_harm", "self_harm", 1, 0.1, 0.6);
    }

    private double[] thresholds(Budget budget, Action... act) {
        int[] side = sides.stream().mapToInt(Integer::intValue).toArray();
        return Calibration.calibrate(NAMES, act, probabilities(), new boolean[2][rows.size()], rows, side, budget)[0];
    }

    private static Budget budget(Set<String> never) {
        return new Budget(0.01, 0.02, 0.02, 0.04, never, 0.95, GuardConfig.defaults());
    }

    @Test
    void flagsNoLongerSpendTheBlockBudget() {
        double[] shared = thresholds(budget(Set.of()), Action.BLOCK, Action.BLOCK);
        double[] apart = thresholds(budget(Set.of()), Action.BLOCK, Action.FLAG);

        assertThat(shared[1]).as("self_harm, calibrated as if it blocked").isEqualTo(0.6);
        assertThat(shared[0]).as("hate, with the budget spent").isGreaterThan(0.7);
        assertThat(apart[0]).as("hate, with the block budget its own").isEqualTo(0.6);
        assertThat(apart[1]).as("self_harm, in the flag budget").isEqualTo(0.6);
    }

    @Test
    void theFlagBudgetHasItsOwnLimit() {
        // A second benign row self_harm must fire on: 2 of 100 still fit the 2% flag budget, 3 do not.
        row("", "chat", 1, 0.1, 0.65);
        assertThat(thresholds(budget(Set.of()), Action.BLOCK, Action.FLAG)[1]).isEqualTo(0.6);
        row("", "chat", 1, 0.1, 0.62);
        assertThat(thresholds(budget(Set.of()), Action.BLOCK, Action.FLAG)[1]).isGreaterThan(0.7);
    }

    @Test
    void aFlagHeadStillNeverFiresOnANeverBlockSlice() {
        row("", "short", 0, 0.1, 0.65); // a fit row: it sets the floor, it is not in the budget

        double[][] apart = Calibration.calibrate(
                NAMES,
                new Action[] {Action.BLOCK, Action.FLAG},
                probabilities(),
                new boolean[2][rows.size()],
                rows,
                sides.stream().mapToInt(Integer::intValue).toArray(),
                budget(Set.of("short")));

        assertThat(apart[1][1]).as("self_harm's floor").isGreaterThan(0.65);
        assertThat(apart[0][1]).as("self_harm stays above the short row").isGreaterThan(0.7);
        assertThat(apart[0][0]).isEqualTo(0.6);
    }

    @Test
    void theFlagTierIsTheBlockingHeadCalibratedInTheWiderBudget() {
        // Hate's only step blocks 1 of 100 benign rows: over a 0.5% block budget, within the 1% tier.
        Budget tiered = new Budget(0.005, 0.01, 0.02, 0.04, Set.of(), 0.95, GuardConfig.defaults(), 0.01, 0.02);

        double[] block = thresholds(tiered, Action.BLOCK, Action.FLAG);
        double[] tier = thresholds(tiered.tier(), Action.BLOCK, Action.FLAG);

        assertThat(block[0]).as("hate blocks only above the benign row").isGreaterThan(0.7);
        assertThat(tier[0]).as("hate's tier reaches its rows").isEqualTo(0.6);
        assertThat(tier[1]).as("the flag head's budget is the same in both").isEqualTo(block[1]);
    }

    private double[][] probabilities() {
        double[][] p = new double[2][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            p[0][i] = scores.get(i)[0];
            p[1][i] = scores.get(i)[1];
        }
        return p;
    }

    @Test
    void theHeadsTakeTheRuntimeDefaultsOrTheGivenActions() {
        Budget defaults = budget(Set.of());
        Head hate = new Head("hate", "safety", new double[] {0}, 0, 0.5);
        Head selfHarm = new Head("self_harm", "safety", new double[] {0}, 0, 0.5);
        Head crime = new Head("crime", "safety", new double[] {0}, 0, 0.5);
        Head injection = new Head("injection", "injection", new double[] {0}, 0, 0.5);

        assertThat(List.of(hate, selfHarm, crime, injection).stream()
                        .map(defaults::action)
                        .toList())
                .containsExactly(Action.BLOCK, Action.FLAG, Action.FLAG, Action.BLOCK);
        GuardConfig given = Budget.actions(GuardConfig.defaults(), "self_harm=block,hate=allow,injection=flag");
        Budget other = new Budget(0.01, 0.02, 0.02, 0.04, Set.of(), 0.95, given);
        assertThat(List.of(hate, selfHarm, injection).stream()
                        .map(other::action)
                        .toList())
                .containsExactly(Action.FLAG, Action.BLOCK, Action.FLAG);
    }
}
