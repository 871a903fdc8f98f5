package dev.sluice.guard.pii;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** MAC addresses in colon, hyphen (one separator throughout) and Cisco dotted forms. */
public final class MacRecognizer implements PiiRecognizer {
    private static final Pattern MAC = Pattern.compile(
            "(?<![0-9A-Fa-f:.-])(?:[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\\1){4}[0-9A-Fa-f]{2}|[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4})(?![0-9A-Za-z:-]|\\.[0-9A-Fa-f])");

    @Override
    public void find(String text, List<PiiMatch> out) {
        Matcher m = MAC.matcher(text);
        while (m.find()) {
            String hex = m.group().replaceAll("[:.-]", "").toLowerCase(java.util.Locale.ROOT);
            // Broadcast and all-zero addresses identify no device.
            if (!hex.equals("ffffffffffff") && !hex.equals("000000000000")) {
                out.add(new PiiMatch(PiiTypes.MAC_ADDRESS, m.start(), m.end(), 58));
            }
        }
    }
}
