package dev.sluice.guard.pii;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** E-mail addresses, including IDN (punycode) domains and "[at]"/"[dot]" spellings. */
public final class EmailRecognizer implements PiiRecognizer {
    private static final String AT = "(?:@|\\s?[\\[({]\\s?(?i:at)\\s?[\\])}]\\s?)";
    private static final String DOT = "(?:\\.|\\s?[\\[({]\\s?(?i:dot)\\s?[\\])}]\\s?)";
    private static final Pattern SPELLED_AT = Pattern.compile("[\\[({]\\s?(?i:at)\\s?[\\])}]");
    private static final Pattern EMAIL =
            Pattern.compile("(?<![A-Za-z0-9._%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,63}[A-Za-z0-9_%+-])?" + AT
                    + "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?" + DOT + "){1,8}"
                    + "(?:[A-Za-z]{2,24}|xn--[A-Za-z0-9-]{1,59})(?![A-Za-z0-9-]|@)");

    @Override
    public void find(String text, List<PiiMatch> out) {
        // Without an "@" or a bracketed "at" there is no address: skip the pattern, which otherwise tries
        // every word of the text (most English text contains "at", so that was no filter).
        if (text.indexOf('@') < 0 && !SPELLED_AT.matcher(text).find()) {
            return;
        }
        Matcher m = EMAIL.matcher(text);
        while (m.find()) {
            out.add(new PiiMatch(PiiTypes.EMAIL, m.start(), m.end(), 80));
        }
    }
}
