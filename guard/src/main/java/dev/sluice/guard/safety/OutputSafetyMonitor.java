package dev.sluice.guard.safety;

import dev.sluice.guard.Action;
import dev.sluice.guard.normalize.Folding;
import dev.sluice.guard.normalize.TextNormalizer;
import java.util.Map;
import java.util.Optional;

/**
 * Watches a generated response as it streams. Pieces are buffered up to the last word boundary
 * (a word split across two pieces is checked whole), and each check covers the new text plus a
 * tail of what came before, so a phrase that spans pieces is still seen. Reports the first
 * violation whose category is not set to ALLOW, and keeps reporting it afterwards. One monitor
 * per response; not thread-safe.
 */
public final class OutputSafetyMonitor {
    private static final int TAIL = 240;

    private final SafetyClassifier classifier;
    private final Map<SafetyCategory, Action> actions;
    private final java.util.regex.Matcher[] matchers;
    private final StringBuilder pending = new StringBuilder();
    private String tail = "";
    private SafetyViolation violation;

    public OutputSafetyMonitor(SafetyClassifier classifier, Map<SafetyCategory, Action> actions) {
        this.classifier = classifier;
        this.actions = Map.copyOf(actions);
        this.matchers = classifier.newMatchers();
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
        return Optional.ofNullable(violation);
    }

    private void scan(String ready) {
        String window = tail + ready;
        String folded = Folding.fold(TextNormalizer.normalize(window).text());
        String foldedTail = tail.isEmpty() ? "" : Folding.fold(TextNormalizer.normalize(tail).text());
        // Only matches that reach into the new text count; older ones were judged before.
        int minEnd = Math.min(foldedTail.length(), folded.length()) - 1;
        for (SafetyHit hit : classifier.check(folded, minEnd, matchers)) {
            Action a = actions.getOrDefault(hit.category(), Action.ALLOW);
            if (a != Action.ALLOW) {
                violation = new SafetyViolation(hit.category(), a, hit.reason());
                return;
            }
        }
        tail = window.length() > TAIL ? window.substring(window.length() - TAIL) : window;
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
