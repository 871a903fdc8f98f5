package dev.sluice.guard.pii;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** URLs that carry a user and password ("postgres://app:s3cret@db:5432/x"): the whole URL is masked. */
public final class CredentialUrlRecognizer implements PiiRecognizer {
    private static final Pattern URL = Pattern.compile(
            "(?i)\\b[a-z][a-z0-9+.-]{1,15}://[^\\s:/@\"'<>]{1,128}:[^\\s/@\"'<>]{1,256}@[^\\s\"'<>]{1,2048}");

    @Override
    public void find(String text, List<PiiMatch> out) {
        if (!text.contains("://")) {
            return;
        }
        Matcher m = URL.matcher(text);
        while (m.find()) {
            int end = m.end();
            while (end > m.start() && ".,;)]}!?".indexOf(text.charAt(end - 1)) >= 0) {
                end--;
            }
            out.add(new PiiMatch(PiiTypes.URL_CREDENTIALS, m.start(), end, 95));
        }
    }
}
