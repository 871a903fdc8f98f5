package dev.sluice.guard.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.guard.GuardConfig;
import dev.sluice.guard.GuardPipeline;
import dev.sluice.guard.pii.PiiTypes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Regression guard on the labelled sets: the thresholds are the levels measured when the checks
 * were written (see bench/results/guard-eval.md), minus a small margin, so a rule change that
 * loses recall or adds false positives fails here first.
 */
class EvalRegressionTest {
    private static final List<String> STRUCTURED = List.of(
            PiiTypes.EMAIL, PiiTypes.PHONE, PiiTypes.CREDIT_CARD, PiiTypes.IBAN, PiiTypes.US_SSN, PiiTypes.IP_ADDRESS);
    private final GuardPipeline pipeline = new GuardPipeline(GuardConfig.defaults());

    @Test
    void llmGuardInjectionCasesKeepRecallWithoutFlaggingBenignRolePrompts() {
        EvalSets.Counts c = EvalSets.injection(
                pipeline, EvalSets.read(EvalSets.evalDev().resolve("llm-guard/prompt_injection_cases.jsonl")));
        assertThat(c.recall()).isGreaterThanOrEqualTo(0.85);
        assertThat(c.fp()).isZero();
    }

    @Test
    void llmGuardAnonymizeCasesFindPiiInEveryPiiTextAndNoneInTheOthers() {
        EvalSets.Counts c = EvalSets.anonymize(
                pipeline, EvalSets.read(EvalSets.evalDev().resolve("llm-guard/anonymize_cases.jsonl")));
        assertThat(c.recall()).isEqualTo(1.0);
        assertThat(c.fp()).isZero();
    }

    @Test
    void presidioRecognizerCasesMeetStructuredTargets() {
        Map<String, EvalSets.Counts> perType = EvalSets.presidio(
                pipeline, EvalSets.read(EvalSets.evalDev().resolve("presidio/recognizer_test_cases.jsonl")));
        EvalSets.Counts all = EvalSets.total(perType, STRUCTURED);
        assertThat(all.recall()).isGreaterThanOrEqualTo(0.97);
        assertThat(all.precision()).isGreaterThanOrEqualTo(0.97);
        assertThat(perType.get(PiiTypes.IBAN).recall()).isGreaterThanOrEqualTo(0.98);
        assertThat(perType.get(PiiTypes.IP_ADDRESS).recall()).isGreaterThanOrEqualTo(0.98);
        assertThat(perType.get(PiiTypes.MAC_ADDRESS).precision()).isEqualTo(1.0);
    }

    @Test
    void generatedInjectionSetMeetsRecallAndFalsePositiveTargets() {
        EvalSets.Counts c =
                EvalSets.injection(pipeline, EvalSets.read(EvalSets.benchEval().resolve("injection-generated.jsonl")));
        assertThat(c.recall()).isGreaterThanOrEqualTo(0.95);
        assertThat(c.falsePositiveRate()).isLessThanOrEqualTo(0.02);
    }

    @Test
    void generatedPiiSetMeetsPerTypeTargets() {
        Map<String, EvalSets.Counts> perType = EvalSets.generatedPii(
                pipeline, EvalSets.read(EvalSets.benchEval().resolve("pii-generated.jsonl")));
        for (String type : STRUCTURED) {
            assertThat(perType.get(type).recall()).as(type + " recall").isGreaterThanOrEqualTo(0.95);
            assertThat(perType.get(type).precision()).as(type + " precision").isGreaterThanOrEqualTo(0.95);
        }
    }
}
