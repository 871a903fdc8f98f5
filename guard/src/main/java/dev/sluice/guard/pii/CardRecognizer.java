package dev.sluice.guard.pii;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payment cards: an issuer's grouping (4-4-4-4[-3], 4-6-5, 4-6-4) or none, a known issuer range
 * (IIN) with its lengths, and Luhn. Groups may be split by spaces (one or two), no-break spaces,
 * dashes or dots, with spaces around a dash, and by different separators in one number ("4111
 * 1111-1111 1111", as people type them): the grouping, the range and the checksum together are
 * what make a card, and they hold whatever the separators.
 */
public final class CardRecognizer implements PiiRecognizer {
    private static final String SEP = "(?:[ \\u00A0]{1,2}|[ \\u00A0]?[-.][ \\u00A0]?)";
    private static final Pattern CARD =
            Pattern.compile("(?<![\\d.,/-])(?:\\d{13,19}|\\d{4}" + SEP + "\\d{4}" + SEP + "\\d{4}" + SEP + "\\d{1,4}(?:"
                    + SEP + "\\d{3})?|\\d{4}" + SEP + "\\d{6}" + SEP + "\\d{4,5})(?!\\d|[.,-]\\d)");
    private static final Pattern NOT_DIGIT = Pattern.compile("\\D");

    @Override
    public void find(String text, List<PiiMatch> out) {
        Matcher m = CARD.matcher(text);
        while (m.find()) {
            String digits = NOT_DIGIT.matcher(m.group()).replaceAll("");
            if (!Context.embeddedInGroups(text, m.start(), m.end(), true)
                    && issuerAccepts(digits)
                    && !sameDigit(digits)
                    && Checksums.luhn(digits)) {
                out.add(new PiiMatch(PiiTypes.CREDIT_CARD, m.start(), m.end(), 70));
            }
        }
    }

    /** Issuer identification number ranges with the lengths each network issues. */
    static boolean issuerAccepts(String d) {
        int len = d.length();
        int p2 = Integer.parseInt(d, 0, 2, 10);
        int p4 = Integer.parseInt(d, 0, 4, 10);
        return switch (d.charAt(0)) {
            case '1' -> len == 15; // UATP
            case '2' -> (p4 >= 2221 && p4 <= 2720 && len == 16) || (p4 >= 2200 && p4 <= 2204 && len >= 16);
            case '3' ->
                (p2 == 34 || p2 == 37) && len == 15
                        || (p2 == 30 || p2 == 36 || p2 == 38 || p2 == 39) && len >= 14
                        || p4 >= 3528 && p4 <= 3589 && len >= 16;
            case '4' -> len == 13 || len == 16 || len == 19;
            case '5' -> p2 >= 51 && p2 <= 55 ? len == 16 : len >= 12;
            case '6' -> len >= 16 || len >= 12 && (p2 == 67 || p2 == 63 || p2 == 60);
            case '8' -> (p2 == 81 || p2 == 82) && len == 16;
            case '9' -> p4 == 9792 && len == 16;
            default -> false;
        };
    }

    private static boolean sameDigit(String d) {
        return d.chars().allMatch(c -> c == d.charAt(0));
    }
}
