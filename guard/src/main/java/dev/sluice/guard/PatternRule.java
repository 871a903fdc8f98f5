package dev.sluice.guard;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One pattern over the folded view. {@code near} must also occur within {@code window} chars of
 * the match, {@code notNear} must not: a cheap stand-in for "is this addressed to the AI" or
 * "is this about a process, not a person" that keeps ordinary uses of the same words quiet.
 */
public record PatternRule(
        String id,
        String family,
        double score,
        Pattern pattern,
        @Nullable Pattern near,
        @Nullable Pattern notNear,
        int window) {

    public static PatternRule of(String id, String family, double score, String regex) {
        return new PatternRule(id, family, score, Pattern.compile(regex), null, null, 0);
    }

    public PatternRule near(String regex, int chars) {
        return new PatternRule(id, family, score, pattern, Pattern.compile(regex), notNear, Math.max(window, chars));
    }

    public PatternRule notNear(String regex, int chars) {
        return new PatternRule(id, family, score, pattern, near, Pattern.compile(regex), Math.max(window, chars));
    }

    /** The first match that satisfies the proximity conditions, as [start, end], or null. */
    public int @Nullable [] find(String text) {
        return findEndingAfter(text, -1);
    }

    /** The first qualifying match whose end lies beyond {@code minEnd}, or null. */
    public int @Nullable [] findEndingAfter(String text, int minEnd) {
        return findEndingAfter(pattern.matcher(text), text, minEnd);
    }

    /** A matcher of this rule's pattern for {@link #findEndingAfter(Matcher, String, int)}. */
    public Matcher newMatcher() {
        return pattern.matcher("");
    }

    /**
     * As {@link #findEndingAfter(String, int)}, reusing {@code m} (from {@link #newMatcher()},
     * used by one thread): a streaming check runs every rule once per word, and a new matcher
     * each time was the largest allocation of a generating worker.
     */
    public int @Nullable [] findEndingAfter(Matcher m, String text, int minEnd) {
        m.reset(text);
        while (m.find()) {
            if (m.end() > minEnd
                    && (near == null || around(near, text, m.start(), m.end()))
                    && (notNear == null || !around(notNear, text, m.start(), m.end()))) {
                return new int[] {m.start(), m.end()};
            }
        }
        return null;
    }

    private boolean around(Pattern p, String text, int start, int end) {
        Matcher n = p.matcher(text);
        n.region(Math.max(0, start - window), Math.min(text.length(), end + window));
        return n.find();
    }
}
