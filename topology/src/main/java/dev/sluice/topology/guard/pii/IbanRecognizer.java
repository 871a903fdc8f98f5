package dev.sluice.topology.guard.pii;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** IBANs, compact or in groups of four: country length table plus the mod-97 check. */
public final class IbanRecognizer implements PiiRecognizer {
    private static final Pattern IBAN = Pattern.compile(
            "(?<![A-Za-z0-9])[A-Z]{2}\\d{2}(?:[A-Z0-9]{11,30}|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,3})?)(?![A-Za-z0-9])");

    @Override
    public void find(String text, List<PiiMatch> out) {
        Matcher m = IBAN.matcher(text);
        while (m.find()) {
            if (Checksums.iban(m.group().replace(" ", ""))) {
                out.add(new PiiMatch(PiiTypes.IBAN, m.start(), m.end(), 75));
            }
        }
    }
}
