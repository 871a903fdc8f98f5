package dev.sluice.guard.pii;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Phone numbers through libphonenumber's matcher with POSSIBLE leniency, then our own gate: a
 * number counts when it is valid for its region and written like a phone number (a leading +,
 * brackets or separators), or when a cue word ("phone", "call", "tel") stands right before it.
 * Plain digit runs without a cue are left alone: they are order ids, amounts and years far more
 * often than phone numbers.
 */
public final class PhoneRecognizer implements PiiRecognizer {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Pattern CUE = Pattern.compile(
            "(?i)(?:phone|tel|telephone|mobile|cell|call|fax|whatsapp|signal|number|contact|reach|text me|sms|dial|"
                    + "hotline|landline|telefon|t[ée]l[ée]phone|num[ée]ro|n[úu]mero|handy|\\u7535\\u8bdd|\\u624b\\u673a|\\u96fb\\u8a71|\\bph\\b|\\bmob\\b)");
    /** "card number", "order number" and friends are numbers, but not phone numbers. */
    private static final Pattern OTHER_NUMBER = Pattern.compile(
            "(?i)(?:card|order|account|invoice|tracking|serial|reference|ticket|part|model|policy|case|customer|member|routing|security|id|iban|item|batch|lot)[ -]?(?:number|no\\.?|#)[ :]*$");

    private static final Pattern FORMATTED = Pattern.compile("^\\+|\\(|\\d[ .\\-\\u00A0]\\d|\\d[ .-]\\(");
    private static final Pattern NOT_PHONE = Pattern.compile(
            "^(?:(?:19|20)\\d\\d\\s?[-/\\u2013]\\s?(?:19|20)?\\d\\d|\\d{1,4}[-/.]\\d{1,2}[-/.]\\d{1,4}|\\d{1,3}(?:\\.\\d{1,3}){3}|\\d{3}-\\d{2}-\\d{4})$");
    private static final Pattern CARD_GROUPS = Pattern.compile("\\d{4}[ -]\\d{4}[ -]\\d{4}");
    private static final Pattern CLUSTER = Pattern.compile("\\+?\\(?\\d[\\d \\u00A0().\\-/]{5,24}\\d");
    private static final Pattern IPV4_LIKE = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3,}.*");
    private static final int MIN_DIGITS = 7;

    private final List<String> regions;

    public PhoneRecognizer(List<String> regions) {
        this.regions = List.copyOf(regions);
    }

    @Override
    public void find(String text, List<PiiMatch> out) {
        if (countDigits(text) < MIN_DIGITS) {
            return;
        }
        // libphonenumber scans the whole string once per region; on long inputs only the
        // neighbourhood of digit clusters can hold a number, so scan those windows instead.
        List<int[]> windows = windows(text);
        for (int[] w : windows) {
            String part = text.substring(w[0], w[1]);
            boolean first = true;
            for (String region : regions) {
                for (PhoneNumberMatch m :
                        UTIL.findNumbers(part, region, PhoneNumberUtil.Leniency.POSSIBLE, Long.MAX_VALUE)) {
                    String raw = m.rawString();
                    // Numbers with a + parse the same in every region; only the first pass keeps them.
                    if (!first && raw.startsWith("+")) {
                        continue;
                    }
                    int start = w[0] + m.start();
                    int end = w[0] + m.end();
                    if (out.stream()
                                    .noneMatch(
                                            p -> p.start() == start && p.type().equals(PiiTypes.PHONE))
                            && accept(text, start, end, raw, m)) {
                        out.add(new PiiMatch(PiiTypes.PHONE, start, end, 40));
                    }
                }
                first = false;
            }
        }
    }

    private static List<int[]> windows(String text) {
        List<int[]> windows = new java.util.ArrayList<>();
        if (text.length() <= 2_000) {
            windows.add(new int[] {0, text.length()});
            return windows;
        }
        java.util.regex.Matcher c = CLUSTER.matcher(text);
        while (c.find()) {
            if (countDigits(c.group()) < MIN_DIGITS
                    || IPV4_LIKE.matcher(c.group()).matches()) {
                continue;
            }
            int from = Math.max(0, c.start() - 48);
            int to = Math.min(text.length(), c.end() + 8);
            if (!windows.isEmpty() && windows.getLast()[1] >= from) {
                windows.getLast()[1] = to;
            } else {
                windows.add(new int[] {from, to});
            }
        }
        return windows;
    }

    private static boolean accept(String text, int start, int end, String raw, PhoneNumberMatch m) {
        // "0044 20 ..." is "+44 20 ...": 00 is the international prefix of most of the world.
        // libphonenumber keeps an opening bracket in front: "(+44 (0)20 7503 0003" inside "(...)".
        String lead = raw.startsWith("(") ? raw.substring(1) : raw;
        boolean international = lead.startsWith("+") || lead.startsWith("00");
        int digits = countDigits(raw) - (lead.startsWith("00") ? 2 : 0);
        // E.164 caps numbers at 15 digits; longer runs and 4-4-4 groups are card-like, not phones.
        if (NOT_PHONE.matcher(raw).matches()
                || digits < MIN_DIGITS
                || digits > 15
                || !international && (digits > 12 || CARD_GROUPS.matcher(raw).find())) {
            return false;
        }
        if (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '@')) {
            return false;
        }
        if (Context.embeddedInGroups(text, start, end, false)
                || OTHER_NUMBER
                        .matcher(text.substring(Math.max(0, start - 30), start))
                        .find()) {
            return false;
        }
        boolean formatted = FORMATTED.matcher(raw).find() || lead.startsWith("00");
        boolean cue = Context.before(text, start, 40, CUE);
        boolean valid = UTIL.isValidNumber(m.number());
        // Seven or eight digits without a country code ("5234-1592", "30.278.477") are a local
        // number somewhere, and a reference, a version or a count far more often: only after a cue.
        if (!international && digits <= 8) return cue && (valid || formatted);
        return valid && (formatted || cue) || formatted && cue;
    }

    private static int countDigits(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                n++;
            }
        }
        return n;
    }
}
