package dev.sluice.guard.normalize;

import java.text.Normalizer;

/**
 * The matching view for injection and safety rules: lower case, accents stripped, leetspeak
 * folded inside words ("1gn0r3" to "ignore"), spaced-out letters joined ("i g n o r e"), runs of
 * whitespace collapsed. It is lossy on purpose and has no offset map; rules report snippets.
 */
public final class Folding {
    private static final String SEPARATORS = " ._*-";
    /** What {@link #fold} collapses: space, tab, vertical tab, form feed, no-break space (not line breaks). */
    private static final String WHITESPACE_CHARS = " \t\u000B\f\u00A0";

    private Folding() {}

    public static String fold(String normalized) {
        String lower = normalized
                .toLowerCase(java.util.Locale.ROOT)
                .replace('\u2019', '\'')
                .replace('\u2018', '\'')
                .replace('\u201C', '"')
                .replace('\u201D', '"')
                .replace('\u00AB', '"')
                .replace('\u00BB', '"');
        String plain = stripMarks(lower);
        String leet = foldLeet(plain);
        String joined = joinSpacedLetters(leet);
        return collapseWhitespace(joined);
    }

    /**
     * Every run of {@link #WHITESPACE_CHARS} becomes one space, as
     * {@code Pattern.compile("[ \\t\\x0B\\f\\u00A0]+").matcher(s).replaceAll(" ")} does, but without
     * rebuilding a text that has nothing to collapse: the streaming output check folds a window of
     * up to ~500 chars for every piece of an answer, and the regex replace was a fifth of that.
     */
    static String collapseWhitespace(String s) {
        int n = s.length();
        StringBuilder out = null;
        int copied = 0;
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (!blank(c)) {
                i++;
                continue;
            }
            int j = i + 1;
            while (j < n && blank(s.charAt(j))) j++;
            if (j - i > 1 || c != ' ') {
                if (out == null) out = new StringBuilder(n);
                out.append(s, copied, i).append(' ');
                copied = j;
            }
            i = j;
        }
        return out == null ? s : out.append(s, copied, n).toString();
    }

    /** One of {@link #WHITESPACE_CHARS}. */
    private static boolean blank(char c) {
        return c == ' ' || c == '\t' || c == '\u000B' || c == '\f' || c == '\u00A0';
    }

    private static String stripMarks(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0xC0) {
                String nfd = Normalizer.normalize(s, Normalizer.Form.NFD);
                return nfd.replaceAll("\\p{M}+", "");
            }
        }
        return s;
    }

    /** Folds digits and symbols only inside tokens that also hold letters, so "10 rows" stays. */
    static String foldLeet(String s) {
        boolean any = false;
        for (int k = 0, n = s.length(); k < n && !any; k++) any = leetOf(s.charAt(k)) != 0;
        if (!any) return s; // nothing that could fold: most text
        char[] a = s.toCharArray();
        int n = a.length;
        int i = 0;
        while (i < n) {
            if (Character.isWhitespace(a[i])) {
                i++;
                continue;
            }
            int j = i;
            int letters = 0;
            int leet = 0;
            while (j < n && !Character.isWhitespace(a[j])) {
                if (Character.isLetter(a[j])) {
                    letters++;
                } else if (leetOf(a[j]) != 0) {
                    leet++;
                }
                j++;
            }
            if (leet > 0 && (letters >= 2 || letters >= 1 && letters + leet == j - i)) {
                for (int k = i; k < j; k++) {
                    char f = leetOf(a[k]);
                    if (f != 0 && touchesLetter(a, k, i, j)) {
                        a[k] = f;
                    }
                }
            }
            i = j;
        }
        return new String(a);
    }

    private static boolean touchesLetter(char[] a, int k, int from, int to) {
        // Symbols like '!' and '|' count only between real letters, never as trailing punctuation.
        if (a[k] == '!' || a[k] == '|' || a[k] == '$' || a[k] == '@') {
            boolean letterBefore = k > from && Character.isLetter(a[k - 1]);
            boolean letterAfter = k + 1 < to && Character.isLetter(a[k + 1]);
            return letterBefore && letterAfter || (a[k] == '$' || a[k] == '@') && letterAfter && k == from;
        }
        boolean before = k > from && (Character.isLetter(a[k - 1]) || Character.isDigit(a[k - 1]));
        boolean after = k + 1 < to && (Character.isLetter(a[k + 1]) || Character.isDigit(a[k + 1]));
        return before || after;
    }

    private static char leetOf(char c) {
        return switch (c) {
            case '0' -> 'o';
            case '1', '!', '|' -> 'i';
            case '3' -> 'e';
            case '4', '@' -> 'a';
            case '5', '$' -> 's';
            case '7' -> 't';
            case '8' -> 'b';
            default -> 0;
        };
    }

    /**
     * Joins runs of three or more single letters, each followed by one of {@code " ._*-"}
     * ("i g n o r e" to "ignore"). A linear scan over code points, not a regex: a repeated group
     * whose letter may be one or two chars (a supplementary letter) makes java.util.regex recurse
     * once per repetition, so a long run alternating BMP and supplementary letters overflowed the
     * stack, and the old character-stepping join split surrogate pairs.
     */
    static String joinSpacedLetters(String s) {
        StringBuilder out = null;
        int n = s.length();
        int copied = 0;
        int i = 0;
        while (i < n) {
            int cp = s.codePointAt(i);
            // A run needs a separator right after its first letter; most letters fail that first, cheaply.
            int after = i + Character.charCount(cp);
            if (after + 1 < n
                    && SEPARATORS.indexOf(s.charAt(after)) >= 0
                    && Character.isLetter(cp)
                    && (i == 0 || !letterOrNumber(s.codePointBefore(i)))) {
                int end = runEnd(s, i);
                if (end > 0) {
                    if (out == null) out = new StringBuilder(n);
                    out.append(s, copied, i);
                    for (int k = i; k < end; ) {
                        int c = s.codePointAt(k);
                        out.appendCodePoint(c);
                        k += Character.charCount(c);
                        k += k < end ? 1 : 0; // the separator
                    }
                    copied = i = end;
                    continue;
                }
            }
            i += Character.charCount(cp);
        }
        if (out == null) return s;
        return out.append(s, copied, n).toString();
    }

    /** Where a spaced run starting at letter {@code start} ends (exclusive), or -1 when there is none. */
    private static int runEnd(String s, int start) {
        int n = s.length();
        int letters = 1;
        int last = start;
        int previous = -1;
        while (true) {
            int after = last + Character.charCount(s.codePointAt(last));
            if (after + 1 < n
                    && SEPARATORS.indexOf(s.charAt(after)) >= 0
                    && Character.isLetter(s.codePointAt(after + 1))) {
                previous = last;
                last = after + 1;
                letters++;
            } else {
                break;
            }
        }
        int end = last + Character.charCount(s.codePointAt(last));
        if (end < n && letterOrNumber(s.codePointAt(end))) {
            // The last letter starts a word ("a b c de"): the run ends before it.
            letters--;
            end = previous < 0 ? -1 : previous + Character.charCount(s.codePointAt(previous));
        }
        return letters >= 3 ? end : -1;
    }

    private static boolean letterOrNumber(int cp) {
        if (Character.isLetter(cp)) return true;
        int type = Character.getType(cp);
        return type == Character.DECIMAL_DIGIT_NUMBER
                || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }
}
