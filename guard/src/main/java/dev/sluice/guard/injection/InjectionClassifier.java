package dev.sluice.guard.injection;

import dev.sluice.guard.Reason;
import dev.sluice.guard.normalize.Inspection;
import java.util.List;

/**
 * A prompt-injection detector. The rule-based one ships today; a model-based detector plugs in
 * beside it later through the same interface. Each returned reason carries a score in [0, 1];
 * the pipeline combines the scores of all detectors.
 */
public interface InjectionClassifier {
    List<Reason> classify(Inspection inspection);
}
