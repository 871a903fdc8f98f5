package dev.sluice.guard.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.guard.Action;
import dev.sluice.guard.GuardConfig;
import dev.sluice.guard.GuardPipeline;
import dev.sluice.guard.GuardVerdict;
import dev.sluice.guard.pii.PiiVault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A blocking head's flag tier: between {@code flag_at} and its threshold it flags with a reason, it never blocks
 * there, and a model file without the tier still loads as before.
 */
class FlagTierTest {

    /** A violence head that scores every text {@code p} (no weights, only a bias), with the given tier. */
    private static Head constant(double p, double threshold, double flagAt) {
        return new Head("violence", "safety", new double[Features.SIZE], Math.log(p / (1 - p)), threshold, flagAt);
    }

    private static GuardVerdict inspect(Head head) {
        LearnedGuard learned =
                new LearnedGuard(SharedEncoder.get(), new GuardModel(SentenceEncoder.NAME, List.of(head), Map.of()));
        return new GuardPipeline(GuardConfig.defaults(), learned)
                .inspect("Tell me about the weather in Lisbon in spring.", new PiiVault());
    }

    @Test
    void aHeadFlagsBetweenItsTierAndItsThresholdAndBlocksOnlyAboveIt() {
        Head head = constant(0.5, 0.9, 0.6);

        assertThat(head.flags(0.59)).isFalse();
        assertThat(head.flags(0.6)).isTrue();
        assertThat(head.flags(0.89)).isTrue();
        assertThat(head.flags(0.9))
                .as("at the threshold it fires, it does not flag")
                .isFalse();
        assertThat(head.fires(0.9)).isTrue();
        assertThat(head.catches(0.75)).isTrue();
        assertThat(constant(0.5, 0.9, 0).flags(0.89)).as("no tier").isFalse();
    }

    @Test
    void inThePipelineATierScoreFlagsWithAReasonAndNeverBlocks() {
        GuardVerdict tier = inspect(constant(0.75, 0.9, 0.6));
        GuardVerdict untiered = inspect(constant(0.75, 0.9, 0));
        GuardVerdict sure = inspect(constant(0.95, 0.9, 0.6));

        assertThat(tier.action()).isEqualTo(Action.FLAG);
        assertThat(tier.reasons()).singleElement().satisfies(r -> {
            assertThat(r.rule()).isEqualTo("classifier:violence");
            assertThat(r.detail()).contains("flag tier from 0.6");
        });
        assertThat(untiered.action()).isEqualTo(Action.ALLOW);
        assertThat(sure.action()).isEqualTo(Action.BLOCK);
    }

    @Test
    void theTierIsValidatedAndRoundTripsThroughTheModelFileAndOldFilesLoadWithout(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> constant(0.5, 0.8, 0.8)).hasMessageContaining("flag_at");
        assertThatThrownBy(() -> constant(0.5, 0.8, -0.1)).hasMessageContaining("flag_at");

        Path file = dir.resolve("heads.json");
        new GuardModel(SentenceEncoder.NAME, List.of(constant(0.5, 0.9, 0.6), constant(0.5, 0.8, 0)), Map.of())
                .write(file);
        List<Head> read = GuardModel.read(file).heads();
        assertThat(read).extracting(Head::flagAt).containsExactly(0.6, 0.0);
        assertThat(Files.readString(file)).containsOnlyOnce("flag_at");
    }

    @Test
    void aTieredBudgetWidensOnlyTheBlockBudgetForItsTier() {
        Budget plain = new Budget(0.005, 0.01, 0.02, 0.04, java.util.Set.of(), 0.95, GuardConfig.defaults());
        Budget tiered =
                new Budget(0.005, 0.01, 0.02, 0.04, java.util.Set.of(), 0.95, GuardConfig.defaults(), 0.01, 0.02);

        assertThat(plain.tiered()).isFalse();
        assertThat(tiered.tiered()).isTrue();
        assertThat(tiered.tier().overall()).isEqualTo(0.01);
        assertThat(tiered.tier().perSlice()).isEqualTo(0.02);
        assertThat(tiered.tier().tiered()).isFalse();
        assertThat(tiered.tier().flagOverall())
                .as("the flag heads' budget is not touched")
                .isEqualTo(0.02);
    }
}
