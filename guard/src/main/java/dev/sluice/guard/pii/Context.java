package dev.sluice.guard.pii;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** "Is there a cue word just before this span?" Used where a bare number needs support to count. */
final class Context {
    private Context() {}

    /**
     * True when the span is one group of a longer grouped code: "6368 2519" inside a card number
     * that failed Luhn, or "6492 0754" inside an IBAN that failed its checksum. Such a tail is not
     * a phone number or a card of its own.
     */
    static boolean embeddedInGroups(String text, int start, int end, boolean strict) {
        if (start >= 2 && (text.charAt(start - 1) == ' ' || text.charAt(start - 1) == '-')) {
            int k = start - 2;
            int len = 0;
            boolean digit = false;
            boolean letter = false;
            boolean lower = false;
            while (k >= 0 && Character.isLetterOrDigit(text.charAt(k)) && len < 6) {
                digit |= Character.isDigit(text.charAt(k));
                lower |= Character.isLowerCase(text.charAt(k));
                letter |= Character.isLetter(text.charAt(k));
                k--;
                len++;
            }
            boolean tokenStart = k < 0 || !Character.isLetterOrDigit(text.charAt(k));
            // Strict callers (cards) accept a neighbouring all-digit group: two cards in a row.
            if (tokenStart && len >= 2 && len <= 4 && (digit || !lower) && (!strict || letter && !lower)) {
                return true;
            }
        }
        if (end + 1 < text.length()
                && (text.charAt(end) == ' ' || text.charAt(end) == '-')
                && Character.isDigit(text.charAt(end + 1))) {
            int k = end + 1;
            while (k < text.length() && Character.isLetterOrDigit(text.charAt(k))) {
                k++;
            }
            return !strict || k - end - 1 <= 3;
        }
        return false;
    }

    static boolean before(String text, int start, int window, Pattern cue) {
        Matcher m = cue.matcher(text);
        m.region(Math.max(0, start - window), start);
        return m.find();
    }
}
