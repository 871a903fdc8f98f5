package dev.sluice.guard.injection;

import dev.sluice.guard.PatternRule;
import dev.sluice.guard.Reason;
import dev.sluice.guard.RuleSet;
import dev.sluice.guard.normalize.Inspection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Layered, explainable rules: instruction override, prompt extraction, role-play jailbreaks, role
 * and delimiter spoofing, indirect injection. Rules run on the folded view and on every decoded
 * payload; obfuscation (invisible characters, confusables, tag smuggling) raises the score only
 * when something else fired, because plenty of honest text carries a stray zero-width space.
 */
public final class RuleBasedInjectionClassifier implements InjectionClassifier {
    public static final String CHECK = "injection";
    private static final Pattern PASTED = Pattern.compile(
            "(?:summari[sz]e|translate|proofread|review|analy[sz]e|classify|extract|rewrite|paraphrase|answer questions about)"
                    + " (?:the following|this|the)(?: \\w+)?(?: text| email| document| article| page| review| message| content| passage)?[ :]"
                    + "|web result|search result|\\nsubject:|\\nfrom:|\"\"\"|```|\\n> ");
    private static final Pattern EMAIL = Pattern.compile("[a-z0-9._%+-]+@[a-z0-9.-]+");
    private static final Pattern DIGITS = Pattern.compile("\\d{4,}");

    private final List<PatternRule> rules;
    /** The same rules read in one pass over a text (each rule's own scan read every position). */
    private final RuleSet ruleSet;

    public RuleBasedInjectionClassifier() {
        // The rules run in their original order: which of two equal-score reasons is reported first can depend on it.
        this(Stream.of(
                        OverrideRules.all(),
                        OverrideClaimRules.all(),
                        NewInstructionRules.all(),
                        ExtractionRules.all(),
                        JailbreakRules.all(),
                        SpoofingRules.all(),
                        IndirectInjectionRules.all())
                .flatMap(List::stream)
                .toList());
    }

    public RuleBasedInjectionClassifier(List<PatternRule> rules) {
        this.rules = List.copyOf(rules);
        this.ruleSet = new RuleSet(this.rules);
    }

    /** The rules, in the order they run. */
    public List<PatternRule> rules() {
        return rules;
    }

    /** The paraphrase layer's concept patterns, which run after the rules on every text (tests check them as rules). */
    public static List<PatternRule> conceptPatterns() {
        return ConceptLayer.concepts();
    }

    @Override
    public List<Reason> classify(Inspection inspection) {
        Map<String, Reason> best = new HashMap<>();
        run(inspection.folded(), null, best);
        for (Inspection.Segment segment : inspection.decoded()) {
            run(segment.folded(), segment.kind(), best);
        }
        List<Reason> reasons = new ArrayList<>(best.values());
        boolean instructionLike = reasons.stream().anyMatch(r -> r.score() >= 0.45);
        for (String trick : inspection.obfuscation()) {
            if (trick.startsWith("tags:")) {
                reasons.add(new Reason(
                        CHECK, "obfuscation.unicode_tags", 0.6, "invisible Unicode tag characters carry hidden text"));
            } else if (instructionLike) {
                reasons.add(new Reason(
                        CHECK,
                        "obfuscation." + trick.replace('-', '_'),
                        0.3,
                        trick + " characters around an instruction-like phrase"));
            }
        }
        if (instructionLike
                && PASTED.matcher(inspection.folded()).find()
                && reasons.stream()
                        .anyMatch(
                                r -> r.rule().startsWith("override") || r.rule().startsWith("extraction"))) {
            reasons.add(new Reason(
                    CHECK,
                    "indirect.pasted_document",
                    0.3,
                    "instruction aimed at the assistant inside pasted content"));
        }
        reasons.sort((a, b) -> Double.compare(b.score(), a.score()));
        return reasons;
    }

    private void run(String text, @Nullable String decodedKind, Map<String, Reason> best) {
        int[] @Nullable [] found = ruleSet.findAll(text);
        for (int i = 0; i < rules.size(); i++) {
            PatternRule rule = rules.get(i);
            int[] at = found[i];
            if (at == null) {
                continue;
            }
            double score = decodedKind == null ? rule.score() : Math.min(0.95, rule.score() + 0.1);
            String where = decodedKind == null ? "" : " (inside " + decodedKind + " payload)";
            Reason r = new Reason(CHECK, rule.id(), score, rule.family() + ": \"" + snippet(text, at) + "\"" + where);
            best.merge(rule.id(), r, (a, b) -> a.score() >= b.score() ? a : b);
        }
        String where = decodedKind == null ? "" : " (inside " + decodedKind + " payload)";
        for (Reason r : ConceptLayer.classify(text, where)) {
            best.merge(r.rule(), r, (a, b) -> a.score() >= b.score() ? a : b);
        }
    }

    /** The matched words, shortened, with e-mail addresses and long digit runs blanked out. */
    static String snippet(String text, int[] at) {
        String s = text.substring(at[0], Math.min(at[1], at[0] + 80))
                .replace('\n', ' ')
                .strip();
        s = EMAIL.matcher(s).replaceAll("<email>");
        return DIGITS.matcher(s).replaceAll("<digits>");
    }

    /** Noisy-OR over independent signals: two medium signals outweigh one. */
    public static double combine(List<Reason> reasons) {
        double keep = 1.0;
        for (Reason r : reasons) {
            keep *= 1.0 - Math.max(0.0, Math.min(1.0, r.score()));
        }
        return 1.0 - keep;
    }
}
