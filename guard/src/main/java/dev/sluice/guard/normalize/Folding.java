package dev.sluice.guard.normalize;

import java.text.Normalizer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The matching view for injection and safety rules: lower case, accents stripped, leetspeak
 * folded inside words ("1gn0r3" to "ignore"), spaced-out letters joined ("i g n o r e"), runs of
 * whitespace collapsed. It is lossy on purpose and has no offset map; rules report snippets.
 */
public final class Folding {
    private static final Pattern SPACED = Pattern.compile("(?<![\\p{L}\\p{N}])(?:\\p{L}[ ._*-]){2,}\\p{L}(?![\\p{L}\\p{N}])");
    private static final Pattern WHITESPACE = Pattern.compile("[ \\t\\x0B\\f\\u00A0]+");

    private Folding() {
    }

    public static String fold(String normalized) {
        String lower = normalized.toLowerCase(java.util.Locale.ROOT)
                .replace('\u2019', '\'').replace('\u2018', '\'').replace('\u201C', '"').replace('\u201D', '"')
                .replace('\u00AB', '"').replace('\u00BB', '"');
        String plain = stripMarks(lower);
        String leet = foldLeet(plain);
        String joined = joinSpacedLetters(leet);
        return WHITESPACE.matcher(joined).replaceAll(" ");
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

    private static String joinSpacedLetters(String s) {
        Matcher m = SPACED.matcher(s);
        if (!m.find()) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int last = 0;
        do {
            out.append(s, last, m.start());
            String run = m.group();
            for (int k = 0; k < run.length(); k += 2) {
                out.append(run.charAt(k));
            }
            last = m.end();
        } while (m.find());
        out.append(s, last, s.length());
        return out.toString();
    }
}
