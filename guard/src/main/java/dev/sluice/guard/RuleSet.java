package dev.sluice.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import org.jspecify.annotations.Nullable;

/**
 * Many {@link PatternRule}s run over one text in a single pass: what {@link PatternRule#find}
 * finds for each rule, in the same form, but the text is read once. Each rule alone scans every
 * position for the characters it can start with ({@link PatternRule#firstChars}); with 131
 * injection rules that scan, not the regex engine, was most of the time on a short chat message
 * (131 rules × 29 positions). Here each position's first two characters pick, from an index built
 * once, the rules that may start there, and only those try a match.
 */
public final class RuleSet {
    private static final int[] NONE = {};

    private final List<PatternRule> rules;
    private final boolean[] wordStart;
    /** Rules that may start at an ASCII pair (first * 128 + second). */
    private final int[][] byPair;
    /** Rules that may start at an ASCII character when the next one is not ASCII or there is none. */
    private final int[][] byFirst;
    /** Every rule with start sets: the candidates where the character is not ASCII. */
    private final int[] all;
    /** Rules whose start sets hold only after the first position ({@link PatternRule#insideOnly}) ... */
    private final boolean[] insideOnly;
    /** ... which are therefore tried at position 0 whatever stands there. */
    private final int[] atStart;
    /** Rules without start sets (a pattern that can match empty text): each runs its own {@link PatternRule#find}. */
    private final int[] alone;

    public RuleSet(List<PatternRule> rules) {
        this.rules = List.copyOf(rules);
        int n = this.rules.size();
        wordStart = new boolean[n];
        for (int r = 0; r < n; r++) {
            wordStart[r] = this.rules.get(r).pattern().pattern().startsWith(PatternRule.WORD_START);
        }
        all = select(r -> this.rules.get(r).firstChars() != null);
        alone = select(r -> this.rules.get(r).firstChars() == null);
        insideOnly = new boolean[n];
        for (int r : all)
            insideOnly[r] = PatternRule.insideOnly(
                    Objects.requireNonNull(this.rules.get(r).firstChars()));
        atStart = select(r -> insideOnly[r]);
        // Built from each rule's sets (a few pairs each), not by asking every rule about every pair:
        // pipelines are built often (every test builds some), the probing behind the sets only once.
        int[] firstCount = new int[128];
        int[] pairCount = new int[128 * 128];
        for (int r : all) {
            long[] f = Objects.requireNonNull(this.rules.get(r).firstChars());
            for (int c = 0; c < 128; c++) {
                if ((f[c >> 6] & (1L << (c & 63))) == 0) continue;
                firstCount[c]++;
                for (int d = 0; d < 128; d++) if (follows(f, c, d)) pairCount[c * 128 + d]++;
            }
        }
        byFirst = new int[128][];
        byPair = new int[128 * 128][];
        for (int i = 0; i < byFirst.length; i++) byFirst[i] = firstCount[i] == 0 ? NONE : new int[firstCount[i]];
        for (int i = 0; i < byPair.length; i++) byPair[i] = pairCount[i] == 0 ? NONE : new int[pairCount[i]];
        java.util.Arrays.fill(firstCount, 0);
        java.util.Arrays.fill(pairCount, 0);
        for (int r : all) { // ascending: every list keeps the rules' order
            long[] f = Objects.requireNonNull(this.rules.get(r).firstChars());
            for (int c = 0; c < 128; c++) {
                if ((f[c >> 6] & (1L << (c & 63))) == 0) continue;
                byFirst[c][firstCount[c]++] = r;
                for (int d = 0; d < 128; d++) if (follows(f, c, d)) byPair[c * 128 + d][pairCount[c * 128 + d]++] = r;
            }
        }
    }

    /** Whether {@code d} may follow the first character {@code c} of a match ({@link PatternRule#firstChars}). */
    private static boolean follows(long[] f, int c, int d) {
        return f.length < PatternRule.SETS || (f[2 + 2 * c + (d >> 6)] & (1L << (d & 63))) != 0;
    }

    private interface RulePredicate {
        boolean test(int rule);
    }

    private int[] select(RulePredicate keep) {
        List<Integer> picked = new ArrayList<>();
        for (int r = 0; r < rules.size(); r++) if (keep.test(r)) picked.add(r);
        return picked.isEmpty()
                ? NONE
                : picked.stream().mapToInt(Integer::intValue).toArray();
    }

    public List<PatternRule> rules() {
        return rules;
    }

    /**
     * For each rule, in order, what {@link PatternRule#find} returns on {@code text}: its first
     * match that satisfies the proximity conditions as [start, end], or null.
     */
    public int[] @Nullable [] findAll(String text) {
        int n = rules.size();
        int[] @Nullable [] found = new int[n][];
        boolean[] done = new boolean[n];
        int[] nextFrom = new int[n];
        @Nullable Matcher[] matchers = new Matcher[n];
        int len = text.length();
        for (int r : alone) {
            found[r] = rules.get(r).find(text);
            done[r] = true;
        }
        int open = all.length;
        for (int p = 0; p < len && open > 0; p++) {
            if (p == 0) {
                for (int r : atStart) if (attempt(r, 0, text, found, done, nextFrom, matchers)) open--;
            }
            for (int r : candidates(text, p)) {
                if (p == 0 && insideOnly[r]) continue; // tried above
                if (attempt(r, p, text, found, done, nextFrom, matchers)) open--;
            }
        }
        return found;
    }

    /** Tries rule {@code r} at {@code p} unless it is done or must go on further on; true when it is done now. */
    private boolean attempt(
            int r,
            int p,
            String text,
            int[] @Nullable [] found,
            boolean[] done,
            int[] nextFrom,
            @Nullable Matcher[] matchers) {
        if (done[r] || p < nextFrom[r]) return false;
        if (wordStart[r] && p > 0) {
            char before = text.charAt(p - 1);
            if (before >= 'a' && before <= 'z') return false;
        }
        Matcher m = matchers[r];
        if (m == null) {
            m = rules.get(r).pattern().matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
            matchers[r] = m;
        }
        m.region(p, text.length());
        if (!m.lookingAt()) return false;
        int start = m.start();
        int end = m.end();
        if (rules.get(r).qualifies(text, start, end)) {
            found[r] = new int[] {start, end};
            done[r] = true;
            return true;
        }
        nextFrom[r] = Math.max(p + 1, end); // as find() goes on after a match
        return false;
    }

    private int[] candidates(String text, int p) {
        char c = text.charAt(p);
        if (c >= 128) return all;
        if (p + 1 >= text.length()) return byFirst[c];
        char d = text.charAt(p + 1);
        return d >= 128 ? byFirst[c] : byPair[c * 128 + d];
    }
}
