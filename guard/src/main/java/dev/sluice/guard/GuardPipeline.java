package dev.sluice.guard;

import dev.sluice.guard.classifier.LearnedGuard;
import dev.sluice.guard.injection.InjectionClassifier;
import dev.sluice.guard.injection.RuleBasedInjectionClassifier;
import dev.sluice.guard.normalize.Inspection;
import dev.sluice.guard.pii.PiiMasker;
import dev.sluice.guard.pii.PiiVault;
import dev.sluice.guard.safety.OutputSafetyMonitor;
import dev.sluice.guard.safety.SafetyClassifier;
import dev.sluice.guard.safety.SafetyHit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The security pipeline for one text: normalize once, then injection detection, content safety
 * and PII masking, folded into one explainable verdict. Pure and stateless apart from the vault
 * the caller passes in, so the topology, the offline CLI and the tests run exactly the same code.
 * Thread-safe (rules and recognizers are immutable); a vault is not.
 */
public final class GuardPipeline {
    static final Reason UNINSPECTABLE = new Reason(
            "guard",
            "uninspectable",
            1.0,
            "the text is built so that the checks could not run on it (it overflowed a matcher)");
    private final GuardConfig config;
    private final List<InjectionClassifier> injection;
    private final SafetyClassifier safety;
    private final PiiMasker masker;
    private final @Nullable LearnedGuard learned;

    public GuardPipeline(GuardConfig config) {
        this(config, List.of(new RuleBasedInjectionClassifier()));
    }

    /** With other injection detectors (a model-based one, say) beside or instead of the rules. */
    public GuardPipeline(GuardConfig config, List<InjectionClassifier> injection) {
        this(config, injection, null);
    }

    /** Rules and the learned layer (encoder and trained heads); {@code learned} null runs the rules alone. */
    public GuardPipeline(GuardConfig config, @Nullable LearnedGuard learned) {
        this(config, List.of(new RuleBasedInjectionClassifier()), learned);
    }

    public GuardPipeline(GuardConfig config, List<InjectionClassifier> injection, @Nullable LearnedGuard learned) {
        this.config = config;
        this.learned = learned;
        this.injection = List.copyOf(injection);
        this.safety = new SafetyClassifier();
        this.masker = new PiiMasker(
                PiiMasker.standardRecognizers(config.phoneRegions()),
                config.piiTypes(),
                config.piiAllow(),
                config.piiDeny());
    }

    public GuardConfig config() {
        return config;
    }

    /**
     * The verdict for one text. Fails closed: java.util.regex recurses on some repeated groups, so
     * a crafted text can overflow the stack inside a rule; that text is blocked with reason
     * {@code guard/uninspectable} instead of the Error reaching the caller's thread (a Streams
     * thread dies on an Error, is replaced, and meets the same record again, for ever).
     */
    public GuardVerdict inspect(String text, PiiVault vault) {
        return inspectAll(List.of(text == null ? "" : text), vault).getFirst();
    }

    /**
     * Verdicts for texts that wait together (the turns of one request): the rules run per text,
     * the encoder once for all of them, and PII is masked in order through the one vault.
     */
    public List<GuardVerdict> inspectAll(List<String> texts, PiiVault vault) {
        try {
            return inspectAllOrThrow(texts, vault);
        } catch (StackOverflowError e) {
            if (texts.size() == 1)
                return List.of(new GuardVerdict(Action.BLOCK, List.of(UNINSPECTABLE), "", List.of()));
            // One of them overflowed: each on its own, so only that one is blocked.
            return texts.stream().map(t -> inspect(t, vault)).toList();
        }
    }

    private List<GuardVerdict> inspectAllOrThrow(List<String> texts, PiiVault vault) {
        int n = texts.size();
        List<Inspection> inspections = new ArrayList<>(n);
        List<List<Reason>> signals = new ArrayList<>(n);
        List<List<SafetyHit>> hits = new ArrayList<>(n);
        double[] ruleInjection = new double[n];
        double[] ruleSafety = new double[n];
        for (int i = 0; i < n; i++) {
            Inspection inspection = Inspection.of(texts.get(i) == null ? "" : texts.get(i));
            inspections.add(inspection);
            signals.add(injectionSignals(inspection));
            hits.add(safety.classify(inspection));
            ruleInjection[i] = signals.get(i).isEmpty() ? 0 : RuleBasedInjectionClassifier.combine(signals.get(i));
            ruleSafety[i] = hits.get(i).stream()
                    .mapToDouble(h -> h.reason().score())
                    .max()
                    .orElse(0);
        }
        List<List<LearnedGuard.Score>> scores = learned == null
                ? null
                : learned.scoreAll(
                        inspections.stream().map(x -> x.normalized().text()).toList(), ruleInjection, ruleSafety);
        List<GuardVerdict> verdicts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            verdicts.add(verdict(
                    inspections.get(i),
                    signals.get(i),
                    hits.get(i),
                    scores == null ? List.of() : scores.get(i),
                    vault));
        }
        return verdicts;
    }

    private GuardVerdict verdict(
            Inspection inspection,
            List<Reason> signals,
            List<SafetyHit> hits,
            List<LearnedGuard.Score> scores,
            PiiVault vault) {
        String input = inspection.original();
        List<Reason> reasons = new ArrayList<>();
        List<Reason> learnedSafety = new ArrayList<>(0);
        Action action = learnedSignals(
                scores, signals, learnedSafety, inspection.normalized().text());
        action = action.max(injection(signals, reasons));
        for (SafetyHit hit : hits) {
            reasons.add(hit.reason());
            action = action.max(config.safetyActions().getOrDefault(hit.category(), Action.ALLOW));
        }
        reasons.addAll(learnedSafety);
        String masked = input;
        List<Entity> entities = List.of();
        if (config.maskPii()) {
            PiiMasker.Result r = masker.mask(inspection.normalized(), vault);
            masked = r.masked();
            entities = r.entities();
            if (!entities.isEmpty()) {
                Map<String, Integer> counts = new LinkedHashMap<>();
                entities.forEach(e -> counts.merge(e.type(), 1, Integer::sum));
                counts.forEach((type, n) -> reasons.add(new Reason("pii", type, 1.0, "masked " + n + " " + type)));
                action = action.max(config.piiAction());
            }
        }
        return new GuardVerdict(action, reasons, masked, entities);
    }

    /** A fresh monitor for one streamed response, with this configuration's safety actions. */
    /** Loads what the first prompt would otherwise wait for (the learned layer's gate); for the topology's start. */
    public void prepareForPrompts() {
        if (learned != null) learned.prepareGate();
    }

    public OutputSafetyMonitor outputMonitor() {
        return new OutputSafetyMonitor(safety, config.safetyActions(), learned, this::safetyAction);
    }

    private List<Reason> injectionSignals(Inspection inspection) {
        List<Reason> signals = new ArrayList<>();
        for (InjectionClassifier c : injection) {
            signals.addAll(c.classify(inspection));
        }
        return signals;
    }

    /**
     * The heads saw the normalized text plus what the rules concluded. An injection head adds a
     * signal to the noisy-OR beside the rules once its score reaches 0.4 (about 0.8 of its
     * threshold), capped below block-at on a text of at most {@link dev.sluice.guard.classifier.Head#SHORT_WORDS} words; a safety
     * head that fires takes its category's action ("harm" and other uncategorized heads: the
     * strictest configured one). Returns the safety heads' action.
     */
    private Action learnedSignals(
            List<LearnedGuard.Score> scores, List<Reason> signals, List<Reason> safetyReasons, String text) {
        Action action = Action.ALLOW;
        for (LearnedGuard.Score s : scores) {
            String detail = "p=" + round(s.probability()) + " (fires at "
                    + round(s.head().threshold()) + (s.fromGate() ? ", static token vectors)" : ")");
            double score = s.score();
            boolean tier = s.flags();
            if (tier) {
                // Under the head's threshold but in its flag tier: flagged with a reason, never blocked by it.
                score = Math.max(score, config.injectionFlagAt());
                detail += ", flag tier from " + round(s.head().flagAt());
            }
            if (!s.head().blocksAlone(text) && score >= config.injectionFlagAt()) {
                score = Math.min(score, Math.max(config.injectionFlagAt(), config.injectionBlockAt() - 0.01));
                detail += ", short text: flag only";
            }
            // The static head is a layer of its own: it gets its own name, so an operator (and a count by
            // rule) never takes two layers that fired for one reason.
            String rule = "classifier:" + s.head().name() + (s.fromGate() ? ":static" : "");
            Reason reason = new Reason(s.head().check(), rule, score, detail);
            if ("injection".equals(s.head().check())) {
                if (score >= 0.4) signals.add(reason);
            } else if (s.fires()) {
                safetyReasons.add(reason);
                action = action.max(safetyAction(s.head().name()));
            } else if (tier) {
                safetyReasons.add(reason);
                Action configured = safetyAction(s.head().name());
                action = action.max(configured == Action.ALLOW ? Action.ALLOW : Action.FLAG);
            }
        }
        return action;
    }

    /** The configured action of a safety head's category; "harm" and other names take the strictest. */
    public Action safetyAction(String headName) {
        return config.headAction("safety", headName);
    }

    private Action injection(List<Reason> signals, List<Reason> reasons) {
        if (signals.isEmpty()) {
            return Action.ALLOW;
        }
        signals.sort((a, b) -> Double.compare(b.score(), a.score()));
        double score = RuleBasedInjectionClassifier.combine(signals);
        Action action = score >= config.injectionBlockAt()
                ? config.injectionAction()
                : score >= config.injectionFlagAt() ? Action.FLAG : Action.ALLOW;
        reasons.add(new Reason(
                RuleBasedInjectionClassifier.CHECK,
                "combined",
                round(score),
                "score " + round(score) + " (flag at " + config.injectionFlagAt() + ", block at "
                        + config.injectionBlockAt() + ")"));
        reasons.addAll(signals);
        return action;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
