package dev.sluice.guard.pii;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** IBANs, compact or in groups of four: country length table plus the mod-97 check. */
public final class IbanRecognizer implements PiiRecognizer {
    private static final Pattern IBAN = Pattern.compile(
            "(?<![A-Za-z0-9])[A-Z]{2}\\d{2}(?:[A-Z0-9]{11,30}|(?:([ -])[A-Z0-9]{4})(?:\\1[A-Z0-9]{4}){1,6}(?:\\1[A-Z0-9]{1,3})?)(?![A-Za-z0-9])");

    @Override
    public void find(String text, List<PiiMatch> out) {
        Matcher m = IBAN.matcher(text);
        while (m.find()) {
            // A stray short token after the last group ("... 8901 X") is not part of the IBAN:
            // drop trailing groups until the checksum holds or too little is left.
            String candidate = m.group();
            while (candidate.length() >= 15) {
                if (Checksums.iban(candidate.replaceAll("[ -]", ""))) {
                    out.add(new PiiMatch(PiiTypes.IBAN, m.start(), m.start() + candidate.length(), 75));
                    break;
                }
                int cut = Math.max(candidate.lastIndexOf(' '), candidate.lastIndexOf('-'));
                if (cut < 0) {
                    break;
                }
                candidate = candidate.substring(0, cut);
            }
        }
    }
}
