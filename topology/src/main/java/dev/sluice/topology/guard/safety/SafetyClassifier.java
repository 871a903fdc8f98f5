package dev.sluice.topology.guard.safety;

import dev.sluice.topology.guard.PatternRule;
import dev.sluice.topology.guard.Reason;
import dev.sluice.topology.guard.normalize.Inspection;
import java.util.ArrayList;
import java.util.List;

/** Runs the safety rules over a folded text (and decoded payloads) and reports what fired. */
public final class SafetyClassifier {
    public static final String CHECK = "safety";
    private final List<PatternRule> rules;

    public SafetyClassifier() {
        this(SafetyRules.all());
    }

    public SafetyClassifier(List<PatternRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public List<SafetyHit> classify(Inspection inspection) {
        List<SafetyHit> hits = new ArrayList<>(0);
        check(inspection.folded(), -1, "", hits);
        for (Inspection.Segment s : inspection.decoded()) {
            check(s.folded(), -1, " (inside " + s.kind() + " payload)", hits);
        }
        return hits;
    }

    /** Hits in {@code folded} whose match ends after {@code minEnd}; used by the streaming monitor. */
    public List<SafetyHit> check(String folded, int minEnd) {
        List<SafetyHit> hits = new ArrayList<>(0);
        check(folded, minEnd, "", hits);
        return hits;
    }

    private void check(String folded, int minEnd, String where, List<SafetyHit> hits) {
        for (PatternRule rule : rules) {
            int[] at = rule.findEndingAfter(folded, minEnd);
            if (at != null && hits.stream().noneMatch(h -> h.reason().rule().equals(rule.id()))) {
                String snippet = folded.substring(at[0], Math.min(at[1], at[0] + 80)).replace('\n', ' ');
                hits.add(new SafetyHit(SafetyCategory.fromWire(rule.family()),
                        new Reason(CHECK, rule.id(), rule.score(), rule.family() + ": \"" + snippet + "\"" + where)));
            }
        }
    }
}
