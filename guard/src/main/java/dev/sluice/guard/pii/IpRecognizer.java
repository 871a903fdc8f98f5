package dev.sluice.guard.pii;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IPv4 (octets 0-255, optional CIDR prefix) and IPv6 (full, compressed, zone ids, embedded IPv4,
 * prefixes). IPv6 candidates are cut by a loose regex and checked by a small parser, which keeps
 * times ("12:34:56"), C++ scopes ("std::cout") and MAC addresses out.
 */
public final class IpRecognizer implements PiiRecognizer {
    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern V4 =
            Pattern.compile("(?<![\\w.])" + OCTET + "(?:\\." + OCTET + "){3}(?:/(?:3[0-2]|[12]?\\d)(?!\\d))?(?![\\w])");
    private static final Pattern V6 = Pattern.compile(
            "(?<![\\w:])[0-9A-Fa-f:]{2,45}+(?:\\.\\d{1,3}){0,3}+(?:%[A-Za-z0-9_.]{1,15}+)?(/\\d{1,4}+)?");
    private static final Pattern VERSION_CUE = Pattern.compile("(?i)\\b(?:version|ver\\.?|v)\\s?$");
    private static final Pattern BARE_CUE = Pattern.compile(
            "(?i)(?:ip|ipv6|addr|address|src|dst|bind|host|listen|unspecified|any|local|loopback|from|route|gateway|=)");

    @Override
    public void find(String text, List<PiiMatch> out) {
        int before = out.size();
        if (text.indexOf(':') >= 0) {
            Matcher m = V6.matcher(text);
            while (m.find()) {
                v6(text, m, out);
            }
        }
        List<PiiMatch> v6 = List.copyOf(out.subList(before, out.size()));
        if (text.indexOf('.') >= 0) {
            Matcher m = V4.matcher(text);
            while (m.find()) {
                int s = m.start();
                int e = m.end();
                // The IPv4 tail of "::ffff:192.0.2.1" is part of the IPv6 address already found.
                boolean inside = v6.stream().anyMatch(p -> p.start() <= s && e <= p.end());
                if (!inside
                        && !VERSION_CUE
                                .matcher(text.substring(Math.max(0, s - 9), s))
                                .find()) {
                    out.add(new PiiMatch(PiiTypes.IP_ADDRESS, s, e, 60));
                }
            }
        }
    }

    private static void v6(String text, Matcher m, List<PiiMatch> out) {
        int end = m.end();
        String prefix = m.group(1);
        String body =
                prefix == null ? m.group() : m.group().substring(0, m.group().length() - prefix.length());
        String zoneless = body;
        int pct = body.indexOf('%');
        if (pct >= 0) {
            zoneless = body.substring(0, pct);
        }
        if (end < text.length()) {
            char next = text.charAt(end);
            if (Character.isLetterOrDigit(next)
                    || next == '_'
                    || next == ':'
                    || next == '.' && end + 1 < text.length() && Character.isDigit(text.charAt(end + 1))) {
                return;
            }
        }
        if (!validV6(zoneless)) {
            return;
        }
        int stop = end;
        if (prefix != null && Integer.parseInt(prefix.substring(1)) > 128) {
            stop = end - prefix.length();
        }
        // "::", "::1" or "[::2]" in code are slices and scopes as often as addresses: with a single
        // group and no prefix they need a cue word; all-one-letter groups ("a:b:c::d") never count.
        String[] groups = zoneless.split(":+");
        long filled = java.util.Arrays.stream(groups).filter(g -> !g.isEmpty()).count();
        if (filled <= 1 && prefix == null && !Context.before(text, m.start(), 30, BARE_CUE)) {
            return;
        }
        if (filled > 0 && java.util.Arrays.stream(groups).allMatch(g -> g.length() <= 1 && !g.matches("\\d"))) {
            return;
        }
        out.add(new PiiMatch(PiiTypes.IP_ADDRESS, m.start(), stop, 62));
    }

    static boolean validV6(String s) {
        if (s.length() < 2 || s.indexOf(':') < 0) {
            return false;
        }
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return false;
        }
        if (s.contains(":::")) {
            return false;
        }
        int groups = 0;
        String[] parts = s.split(":", -1);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty()) {
                boolean edge = (i == 0 || i == parts.length - 1) && dbl >= 0;
                boolean inDouble = dbl >= 0;
                if (!edge && !inDouble) {
                    return false;
                }
                continue;
            }
            if (p.indexOf('.') >= 0) {
                if (i != parts.length - 1 || !V4.matcher(p).matches() || p.contains("/")) {
                    return false;
                }
                groups += 2;
            } else if (p.length() > 4 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return false;
            } else {
                groups++;
            }
        }
        if (dbl < 0) {
            return groups == 8 && !s.startsWith(":") && !s.endsWith(":");
        }
        if (s.startsWith(":") && !s.startsWith("::") || s.endsWith(":") && !s.endsWith("::")) {
            return false;
        }
        return groups < 8;
    }
}
