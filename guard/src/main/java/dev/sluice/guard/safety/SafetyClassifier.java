package dev.sluice.guard.safety;

import dev.sluice.guard.PatternRule;
import dev.sluice.guard.Reason;
import dev.sluice.guard.normalize.Inspection;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

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

    /** The rules, in the order they run. */
    public List<PatternRule> rules() {
        return rules;
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

    /** One matcher per rule, for {@link #check(String, int, Matcher[])}; not thread-safe. */
    public Matcher[] newMatchers() {
        return rules.stream().map(PatternRule::newMatcher).toArray(Matcher[]::new);
    }

    /** As {@link #check(String, int)}, reusing the matchers from {@link #newMatchers()}. */
    public List<SafetyHit> check(String folded, int minEnd, Matcher[] matchers) {
        List<SafetyHit> hits = new ArrayList<>(0);
        for (int i = 0; i < rules.size(); i++) {
            PatternRule rule = rules.get(i);
            int[] at = rule.findEndingAfter(matchers[i], folded, minEnd);
            if (at != null) hits.add(hit(rule, folded, at, ""));
        }
        return hits;
    }

    /**
     * As {@link #check(String, int, Matcher[])} for a streamed text: rule {@code i} starts at
     * {@code from[i]} and leaves in {@code open[i]} where its next call must start again
     * ({@link PatternRule#findEndingAfter(Matcher, String, int, int, int[])}).
     */
    public List<SafetyHit> check(String folded, int minEnd, Matcher[] matchers, int[] from, int[] open) {
        List<SafetyHit> hits = new ArrayList<>(0);
        int[] one = new int[1];
        for (int i = 0; i < rules.size(); i++) {
            PatternRule rule = rules.get(i);
            int[] at = rule.findEndingAfter(matchers[i], folded, from[i], minEnd, one);
            open[i] = one[0];
            if (at != null) hits.add(hit(rule, folded, at, ""));
        }
        return hits;
    }

    private static SafetyHit hit(PatternRule rule, String folded, int[] at, String where) {
        String snippet = folded.substring(at[0], Math.min(at[1], at[0] + 80)).replace('\n', ' ');
        return new SafetyHit(
                SafetyCategory.fromWire(rule.family()),
                new Reason(CHECK, rule.id(), rule.score(), rule.family() + ": \"" + snippet + "\"" + where));
    }

    private void check(String folded, int minEnd, String where, List<SafetyHit> hits) {
        for (PatternRule rule : rules) {
            int[] at = rule.findEndingAfter(folded, minEnd);
            if (at != null && hits.stream().noneMatch(h -> h.reason().rule().equals(rule.id()))) {
                hits.add(hit(rule, folded, at, where));
            }
        }
    }
}
