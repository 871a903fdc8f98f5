package dev.sluice.guard.pii;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * US social security numbers: area 001-899 except 666, group 01-99, serial 0001-9999, and not a
 * number that was published in advertising. Nine bare digits count only after a cue word.
 */
public final class SsnRecognizer implements PiiRecognizer {
    private static final Pattern SSN =
            Pattern.compile("(?<![\\d.-])(\\d{3})([- .]?)(\\d{2})([- .]?)(\\d{4})(?![\\d-]|\\.\\d)");
    private static final Pattern CUE =
            Pattern.compile("(?i)(?:ssn|social security|social sec|\\bss#|\\bsocial\\b|tax id|\\btin\\b)");
    private static final Set<String> PUBLISHED = Set.of("078051120", "219099999", "457555462");

    @Override
    public void find(String text, List<PiiMatch> out) {
        Matcher m = SSN.matcher(text);
        while (m.find()) {
            String sep1 = m.group(2);
            String sep2 = m.group(4);
            if (!sep1.isEmpty() && !sep2.isEmpty() && !sep1.equals(sep2)) {
                continue;
            }
            if (sep1.isEmpty() && sep2.isEmpty() && !Context.before(text, m.start(), 40, CUE)) {
                continue;
            }
            if (valid(m.group(1), m.group(3), m.group(5))) {
                out.add(new PiiMatch(PiiTypes.US_SSN, m.start(), m.end(), 65));
            }
        }
    }

    static boolean valid(String area, String group, String serial) {
        int a = Integer.parseInt(area);
        String all = area + group + serial;
        return a != 0
                && a != 666
                && a < 900
                && !group.equals("00")
                && !serial.equals("0000")
                && !PUBLISHED.contains(all)
                && !all.chars().allMatch(c -> c == all.charAt(0));
    }
}
