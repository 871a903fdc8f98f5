package dev.sluice.guard.safety;

import dev.sluice.guard.Action;
import dev.sluice.guard.Reason;
import dev.sluice.guard.classifier.LearnedGuard;
import dev.sluice.guard.normalize.Folding;
import dev.sluice.guard.normalize.TextNormalizer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Watches a generated response as it streams. With a learned layer, the harm heads also read
 * bounded windows of the output: every {@link #STRIDE} new chars, the last {@link #WINDOW} chars
 * (about 110 tokens: one encoder call of a few ms, so a 1,000-char answer costs four), and the
 * rest when the stream ends. Pieces are buffered up to the last word boundary
 * (a word split across two pieces is checked whole), and each check covers the new text plus a
 * tail of what came before, so a phrase that spans pieces is still seen. A rule does not read the
 * whole tail again at each check: it starts at the first position where its last check read to the
 * end of the text (where more text can change the outcome), usually the last word or two; a check
 * costs the new text, not the tail (~33 → ~7-11 µs of a core per token). Reports the first
 * violation whose category is not set to ALLOW, and keeps reporting it afterwards. One monitor
 * per response; not thread-safe.
 */
public final class OutputSafetyMonitor {
    /** Context kept before the new text: at least this many chars (up to twice as many between cuts). */
    private static final int TAIL = 240;

    static final int WINDOW = 512;
    static final int STRIDE = 256;

    private final SafetyClassifier classifier;
    private final Map<SafetyCategory, Action> actions;
    private final java.util.regex.Matcher[] matchers;
    /**
     * Per rule, where the last check found the first position a longer text could change (in that
     * check's folded text, whose length is {@link #lastFolded}); the next check starts each rule there
     * instead of at the tail's first char. Null: every check reads the whole tail (the reference the
     * tests compare with).
     */
    private final int @Nullable [] open;

    private final int[] from;
    private int lastFolded;
    private final StringBuilder pending = new StringBuilder();
    private String tail = "";
    /** The folded tail when the tail is the whole last window (not cut): that check folded it already. */
    private @Nullable String foldedTailKept;

    private final @Nullable LearnedGuard learned;
    private final Function<String, Action> headActions;
    private final StringBuilder recent = new StringBuilder();
    private int unclassified;
    private @Nullable SafetyViolation violation;

    public OutputSafetyMonitor(SafetyClassifier classifier, Map<SafetyCategory, Action> actions) {
        this(classifier, actions, null, head -> Action.ALLOW);
    }

    /** With the learned harm heads; {@code headActions} maps a head's name to its configured action. */
    public OutputSafetyMonitor(
            SafetyClassifier classifier,
            Map<SafetyCategory, Action> actions,
            @Nullable LearnedGuard learned,
            Function<String, Action> headActions) {
        this(classifier, actions, learned, headActions, true);
    }

    private OutputSafetyMonitor(
            SafetyClassifier classifier,
            Map<SafetyCategory, Action> actions,
            @Nullable LearnedGuard learned,
            Function<String, Action> headActions,
            boolean incremental) {
        this.classifier = classifier;
        this.actions = Map.copyOf(actions);
        this.matchers = classifier.newMatchers();
        this.learned = learned;
        this.headActions = headActions;
        this.open = incremental ? new int[matchers.length] : null;
        this.from = new int[matchers.length];
    }

    /**
     * A monitor that reads the whole tail with every rule at every check, as before rules kept their
     * open positions: what the incremental one must equal (tests) and is measured against (benchmarks).
     */
    public static OutputSafetyMonitor rescanning(SafetyClassifier classifier, Map<SafetyCategory, Action> actions) {
        return new OutputSafetyMonitor(classifier, actions, null, head -> Action.ALLOW, false);
    }

    /** Feeds the next piece; returns the violation once one is found (and every time after). */
    public Optional<SafetyViolation> accept(String piece) {
        if (violation != null) {
            return Optional.of(violation);
        }
        pending.append(piece);
        int cut = lastBoundary(pending);
        if (cut > 0) {
            String ready = pending.substring(0, cut);
            pending.delete(0, cut);
            scan(ready);
        }
        return Optional.ofNullable(violation);
    }

    /** Checks whatever is still buffered; call when the stream ends. */
    public Optional<SafetyViolation> finish() {
        if (violation == null && !pending.isEmpty()) {
            String rest = pending.toString();
            pending.setLength(0);
            scan(rest);
        }
        if (violation == null && learned != null && unclassified > 0) {
            classify(learned);
        }
        return Optional.ofNullable(violation);
    }

    private void scan(String ready) {
        String window = tail + ready;
        String folded = Folding.fold(TextNormalizer.normalize(window).text());
        String foldedTail = tail.isEmpty()
                ? ""
                : foldedTailKept != null
                        ? foldedTailKept
                        : Folding.fold(TextNormalizer.normalize(tail).text());
        // Only matches that reach into the new text count; older ones were judged before.
        int minEnd = Math.min(foldedTail.length(), folded.length()) - 1;
        List<SafetyHit> hits;
        if (open == null) {
            hits = classifier.check(folded, minEnd, matchers);
        } else {
            // Each rule starts where its last check left positions open, counted back from the end of
            // the text that check read (the tail is that text's end). When the new text changes how the
            // tail folds ("i g n" + "o r e" are joined into one word), what earlier attempts read has
            // changed too: every rule reads the whole tail again.
            int same = 0;
            int limit = Math.min(folded.length(), foldedTail.length());
            while (same < limit && folded.charAt(same) == foldedTail.charAt(same)) same++;
            boolean refolded = same < foldedTail.length();
            for (int i = 0; i < from.length; i++) {
                from[i] = refolded ? 0 : Math.max(0, foldedTail.length() - (lastFolded - open[i]));
            }
            hits = classifier.check(folded, minEnd, matchers, from, open);
            lastFolded = folded.length();
        }
        for (SafetyHit hit : hits) {
            Action a = actions.getOrDefault(hit.category(), Action.ALLOW);
            if (a != Action.ALLOW) {
                violation = new SafetyViolation(hit.category(), a, hit.reason());
                return;
            }
        }
        // The tail is cut back to TAIL chars only once it passes twice that: between cuts it is the whole
        // last window, whose folded text this check has just made.
        if (window.length() > 2 * TAIL) {
            tail = window.substring(window.length() - TAIL);
            foldedTailKept = null;
        } else {
            tail = window;
            foldedTailKept = folded;
        }
        if (learned != null) {
            recent.append(ready);
            if (recent.length() > WINDOW) recent.delete(0, recent.length() - WINDOW);
            unclassified += ready.length();
            if (unclassified >= STRIDE) classify(learned);
        }
    }

    private void classify(LearnedGuard learned) {
        unclassified = 0;
        for (LearnedGuard.Score s : learned.harm(recent.toString())) {
            Action a = s.fires() ? headActions.apply(s.head().name()) : Action.ALLOW;
            if (a != Action.ALLOW) {
                violation = new SafetyViolation(
                        category(s.head().name()),
                        a,
                        new Reason(
                                SafetyClassifier.CHECK,
                                "classifier:" + s.head().name(),
                                s.score(),
                                "generated text, p=" + Math.round(s.probability() * 1000) / 1000.0));
                return;
            }
        }
    }

    private static @Nullable SafetyCategory category(String head) {
        for (SafetyCategory c : SafetyCategory.values()) {
            if (c.wire().equals(head.replace('-', '_'))) return c;
        }
        return null;
    }

    private static int lastBoundary(CharSequence s) {
        for (int i = s.length() - 1; i >= 0; i--) {
            char c = s.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '\'' && c != '-') {
                return i + 1;
            }
        }
        return 0;
    }
}
