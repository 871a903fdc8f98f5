package dev.sluice.guard;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One pattern over the folded view. {@code near} must also occur within {@code window} chars of
 * the match, {@code notNear} must not: a cheap stand-in for "is this addressed to the AI" or
 * "is this about a process, not a person" that keeps ordinary uses of the same words quiet.
 *
 * <p>{@code firstChars} (null: none) lets {@link #findEndingAfter} skip the positions where the
 * rule cannot start: only at a character the pattern can begin with ({@link #firstChars(Pattern)}),
 * only where the next character can follow it in a match, and, for a rule that begins with
 * {@link #WORD_START}, only after a character that is not a-z.
 * {@link java.util.regex.Matcher#find} tries every position of the text with every rule; on a
 * 2,600-character prompt that was three quarters of the guard's rule time. With the first
 * character alone, a rule still tried every word that begins with one of its letters: the
 * injection rules cost ~50 µs on a 29-character chat message.
 */
public record PatternRule(
        String id,
        String family,
        double score,
        Pattern pattern,
        @Nullable Pattern near,
        @Nullable Pattern notNear,
        int window,
        long @Nullable [] firstChars) {

    /** The lookbehind the rule sets start with: no a-z letter right before the match. */
    public static final String WORD_START = "(?<![a-z])";

    /** Characters that may stand before a match in the texts rules read, one of each kind a pattern tells apart. */
    static final String[] BEFORE = {
        "\r", "", " ", "\n", "\t", "0", "_", "A", ".", "-", "\"", "'", "(", "/", "*", "#", ">"
    };

    public static PatternRule of(String id, String family, double score, String regex) {
        Pattern pattern = Pattern.compile(regex);
        return new PatternRule(id, family, score, pattern, null, null, 0, firstChars(pattern));
    }

    public PatternRule near(String regex, int chars) {
        return new PatternRule(
                id, family, score, pattern, Pattern.compile(regex), notNear, Math.max(window, chars), firstChars);
    }

    public PatternRule notNear(String regex, int chars) {
        return new PatternRule(
                id, family, score, pattern, near, Pattern.compile(regex), Math.max(window, chars), firstChars);
    }

    /**
     * Where a match of {@code pattern} can start, or null when the pattern can match an empty text:
     * {@code [0..1]}, the ASCII characters a match can begin with (a 128-bit set); then, for each
     * such character {@code c}, at {@code [2 + 2c .. 3 + 2c]}, the ASCII characters that can come
     * right after it in a match (or that a match starting at {@code c} can read past). Found by
     * asking the engine itself: after each possible preceding character, a text can start a match
     * when the pattern matches it or reads past its end ({@link Matcher#hitEnd}); an attempt that
     * fails before the end of a one- or two-character text fails whatever follows. Characters
     * beyond ASCII are always tried. The sets describe positions after the first when the pattern
     * can see what precedes its start (the text's start is then tried anyway, flagged at
     * {@code [SETS]}), every position otherwise.
     */
    public static long @Nullable [] firstChars(Pattern pattern) {
        // Rule lists are built again for every pipeline (tests build hundreds); the probing, once per pattern.
        return FIRST_CHARS
                .computeIfAbsent(pattern.pattern(), k -> java.util.Optional.ofNullable(probe(pattern)))
                .orElse(null);
    }

    private static final java.util.Map<String, java.util.Optional<long[]>> FIRST_CHARS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static long @Nullable [] probe(Pattern pattern) {
        return probe(pattern, lookingBack(pattern) ? BEFORE_INSIDE : UNSEEN_BEFORE);
    }

    /**
     * {@link #BEFORE} without the empty text: what can stand before a position inside a text. The
     * sets are for positions after the first; the first is always tried, so a rule that can match
     * only at the very start ({@code ^...}) does not have to try every word of every text.
     */
    static final String[] BEFORE_INSIDE =
            java.util.Arrays.stream(BEFORE).filter(b -> !b.isEmpty()).toArray(String[]::new);

    /** Length of the start sets; the entry after them is 1 when they hold only for positions after the first. */
    static final int SETS = 2 + 2 * 128;

    /** What stands before a match cannot change it: any character would do; the empty text stands for them all. */
    private static final String[] UNSEEN_BEFORE = {""};

    /**
     * Whether what stands before a match can change it: a lookbehind, a word boundary or a line
     * start anywhere in the pattern except the leading {@link #WORD_START} (the scan itself skips
     * positions after a-z for those, and no probe puts a-z before). Conservative: a construct found
     * where it cannot look back (deep inside) still counts, which only costs probes.
     */
    static boolean lookingBack(Pattern pattern) {
        String s = pattern.pattern();
        if (s.startsWith(WORD_START)) s = s.substring(WORD_START.length());
        if (s.contains("(?<") || s.contains("\\b") || s.contains("\\B") || s.contains("\\A") || s.contains("\\G"))
            return true;
        for (int i = s.indexOf('^'); i >= 0; i = s.indexOf('^', i + 1)) {
            boolean negatedClass = i > 0 && s.charAt(i - 1) == '[' && (i < 2 || s.charAt(i - 2) != '\\');
            if (!negatedClass) return true;
        }
        return false;
    }

    /** {@link #firstChars(Pattern)} found with {@code befores} standing before the match (tests compare the sets). */
    static long @Nullable [] probe(Pattern pattern, String[] befores) {
        Matcher m = pattern.matcher("").useTransparentBounds(true).useAnchoringBounds(false);
        for (String before : BEFORE) {
            m.reset(before).region(before.length(), before.length());
            if (m.lookingAt()) return null; // an empty match: it could start anywhere, even at the end
        }
        long[] set = new long[SETS + 1];
        set[SETS] = java.util.Arrays.asList(befores).contains("") ? 0 : 1;
        for (char c = 0; c < 128; c++) {
            if (canStart(m, befores, String.valueOf(c))) {
                set[c >> 6] |= 1L << (c & 63);
                for (char d = 0; d < 128; d++) {
                    if (canStart(m, befores, c + String.valueOf(d))) set[2 + 2 * c + (d >> 6)] |= 1L << (d & 63);
                }
            }
        }
        return set;
    }

    /** Whether a match can start at the beginning of {@code head}, after any kind of preceding character. */
    private static boolean canStart(Matcher m, String[] befores, String head) {
        for (String before : befores) {
            String probe = before + head;
            m.reset(probe).region(before.length(), probe.length());
            if (m.lookingAt() || m.hitEnd()) return true;
        }
        return false;
    }

    /**
     * Whether the start sets hold only for positions after the first (the pattern looks behind its
     * start, and the very start of a text is a "before" of its own): there, the rule is always tried.
     */
    static boolean insideOnly(long[] first) {
        return first.length <= SETS || first[SETS] != 0;
    }

    /**
     * Whether a match may start at {@code p}, by its character and the next one
     * ({@link #firstChars(Pattern)}); at position 0 only where {@link #insideOnly} is false.
     */
    static boolean mayStartAt(String text, int p, long[] first) {
        char c = text.charAt(p);
        if (c >= 128) return true;
        if ((first[c >> 6] & (1L << (c & 63))) == 0) return false;
        if (p + 1 >= text.length() || first.length < SETS) return true;
        char d = text.charAt(p + 1);
        return d >= 128 || (first[2 + 2 * c + (d >> 6)] & (1L << (d & 63))) != 0;
    }

    /** The first match that satisfies the proximity conditions, as [start, end], or null. */
    public int @Nullable [] find(String text) {
        return findEndingAfter(text, -1);
    }

    /** The first qualifying match whose end lies beyond {@code minEnd}, or null. */
    public int @Nullable [] findEndingAfter(String text, int minEnd) {
        // Most rules have no position to try in most texts: then no matcher is made at all.
        if (firstChars != null && nextStart(text, 0, firstChars) < 0) return null;
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
        if (firstChars != null) return scan(m, text, 0, minEnd, firstChars, null);
        while (m.find()) {
            if (m.end() > minEnd
                    && (near == null || around(near, text, m.start(), m.end()))
                    && (notNear == null || !around(notNear, text, m.start(), m.end()))) {
                return new int[] {m.start(), m.end()};
            }
        }
        return null;
    }

    /**
     * As {@link #findEndingAfter(Matcher, String, int)} for a text that grows at its end (a streamed
     * answer), trying positions from {@code from} on, and setting {@code open[0]} to the first position
     * tried whose attempt read to the end of {@code text} ({@link Matcher#hitEnd}): from there on,
     * more text can change what matches; before it, nothing appended can (a failed attempt that
     * stopped short of the end fails whatever follows, a match that did ends where it ended).
     * {@code open[0]} is {@code text.length()} when no attempt reached the end, and {@code from} when
     * a match is returned or the rule cannot skip positions (no {@code firstChars}: every call reads
     * the whole text).
     */
    public int @Nullable [] findEndingAfter(Matcher m, String text, int from, int minEnd, int[] open) {
        m.reset(text);
        if (firstChars == null) {
            open[0] = 0;
            return findEndingAfter(m, text, minEnd);
        }
        open[0] = text.length();
        int[] at = scan(m, text, Math.max(0, Math.min(from, text.length())), minEnd, firstChars, open);
        if (at != null) open[0] = Math.min(open[0], from);
        return at;
    }

    /**
     * What {@code while (m.find())} finds, trying only the positions where a match can start: the
     * same matches in the same order (a match at a position is the one {@code find} would report
     * there, and after a match the search goes on from its end, as {@code find} does). With
     * {@code open}, records the first tried position whose attempt hit the end of the text.
     */
    private int @Nullable [] scan(Matcher m, String text, int from, int minEnd, long[] first, int @Nullable [] open) {
        m.useTransparentBounds(true).useAnchoringBounds(false);
        int n = text.length();
        for (int p = nextStart(text, from, first); p >= 0; p = nextStart(text, p + 1, first)) {
            m.region(p, n);
            boolean matched = m.lookingAt();
            if (open != null && p < open[0] && m.hitEnd()) open[0] = p;
            if (!matched) continue;
            int start = m.start();
            int end = m.end();
            if (end > minEnd && qualifies(text, start, end)) {
                return new int[] {start, end};
            }
            p = Math.max(p, end - 1);
        }
        return null;
    }

    /** The first position from {@code from} on where a match may start, or -1. */
    private int nextStart(String text, int from, long[] first) {
        boolean wordStart = pattern.pattern().startsWith(WORD_START);
        for (int p = from, n = text.length(); p < n; p++) {
            if (p == 0 && insideOnly(first)) return 0;
            if (!mayStartAt(text, p, first)) continue;
            if (wordStart && p > 0) {
                char before = text.charAt(p - 1);
                if (before >= 'a' && before <= 'z') continue;
            }
            return p;
        }
        return -1;
    }

    /** Whether a match at [start, end] satisfies the proximity conditions. */
    boolean qualifies(String text, int start, int end) {
        return (near == null || around(near, text, start, end))
                && (notNear == null || !around(notNear, text, start, end));
    }

    private boolean around(Pattern p, String text, int start, int end) {
        Matcher n = p.matcher(text);
        n.region(Math.max(0, start - window), Math.min(text.length(), end + window));
        return n.find();
    }
}
