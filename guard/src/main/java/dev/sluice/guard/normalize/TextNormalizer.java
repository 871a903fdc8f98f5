package dev.sluice.guard.normalize;

import java.text.Normalizer;
import java.util.Set;
import java.util.TreeSet;

/**
 * NFKC, invisible and bidi control removal, and confusable folding, keeping an offset map back
 * to the original. Works one base character plus its combining marks at a time so the map stays
 * exact even where NFKC changes lengths (ligatures, fullwidth forms, composed accents).
 */
public final class TextNormalizer {
    private TextNormalizer() {}

    public static NormalizedText normalize(String original) {
        if (isPlainAscii(original)) {
            // Printable ASCII is already NFKC-stable and has nothing to fold: share the string.
            return new NormalizedText(original, original, null, null, Set.of());
        }
        int n = original.length();
        StringBuilder out = new StringBuilder(n);
        int[] starts = new int[n + 16];
        int[] ends = new int[n + 16];
        Set<String> tricks = new TreeSet<>();
        StringBuilder tags = new StringBuilder();
        int i = 0;
        while (i < n) {
            int cp = original.codePointAt(i);
            int j = i + Character.charCount(cp);
            if (isTag(cp)) {
                // Unicode tag characters smuggle invisible ASCII; keep it aside for inspection.
                if (cp >= 0xE0020 && cp <= 0xE007E) {
                    tags.append((char) (cp - 0xE0000));
                }
                tricks.add("unicode-tags");
                i = j;
                continue;
            }
            if (isInvisible(cp)) {
                tricks.add(isBidi(cp) ? "bidi-control" : "invisible");
                i = j;
                continue;
            }
            while (j < n && isMark(original.codePointAt(j))) {
                j += Character.charCount(original.codePointAt(j));
            }
            String segment = original.substring(i, j);
            String folded = cp < 0x80 && j == i + 1 ? segment : Normalizer.normalize(segment, Normalizer.Form.NFKC);
            if (!folded.equals(segment) && cp >= 0xFF00 && cp <= 0xFFEF) {
                tricks.add("fullwidth");
            } else if (!folded.equals(segment) && Character.isLetter(cp) && cp >= 0x1D400 && cp <= 0x1D7FF) {
                tricks.add("math-alphanumeric");
            }
            for (int k = 0; k < folded.length(); k++) {
                char c = folded.charAt(k);
                if (isInvisible(c)) {
                    continue;
                }
                char latin = c >= 0x0250 ? Confusables.fold(c) : 0;
                if (latin != 0) {
                    tricks.add("confusable");
                    c = latin;
                }
                if (out.length() == starts.length) {
                    starts = java.util.Arrays.copyOf(starts, starts.length * 2);
                    ends = java.util.Arrays.copyOf(ends, ends.length * 2);
                }
                starts[out.length()] = i;
                ends[out.length()] = j;
                out.append(c);
            }
            i = j;
        }
        if (!tags.isEmpty()) {
            tricks.add("tags:" + tags);
        }
        return new NormalizedText(original, out.toString(), starts, ends, tricks);
    }

    private static boolean isPlainAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x7F || (c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
                return false;
            }
        }
        return true;
    }

    static boolean isInvisible(int cp) {
        return (cp >= 0x200B && cp <= 0x200F)
                || isBidi(cp)
                || (cp >= 0x2060 && cp <= 0x2064)
                || cp == 0xFEFF
                || cp == 0x00AD
                || cp == 0x180E
                || cp == 0x034F
                || cp == 0x061C
                || (cp >= 0xFE00 && cp <= 0xFE0F)
                || cp == 0x115F
                || cp == 0x1160
                || cp == 0x3164
                || (cp < 0x20 && cp != '\n' && cp != '\r' && cp != '\t')
                || cp == 0x7F;
    }

    private static boolean isBidi(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
    }

    private static boolean isTag(int cp) {
        return cp >= 0xE0000 && cp <= 0xE007F;
    }

    private static boolean isMark(int cp) {
        int t = Character.getType(cp);
        return t == Character.NON_SPACING_MARK
                || t == Character.ENCLOSING_MARK
                || t == Character.COMBINING_SPACING_MARK;
    }
}
