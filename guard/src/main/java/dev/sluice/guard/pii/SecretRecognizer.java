package dev.sluice.guard.pii;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API keys and credentials: known provider prefixes first (precise), then values assigned to a
 * secret-sounding key ("password=..."), then long high-entropy tokens with a conservative
 * threshold. Hex digests, UUIDs and base64 that decodes to readable text are not secrets.
 */
public final class SecretRecognizer implements PiiRecognizer {
    private static final Pattern KNOWN = Pattern.compile(
            String.join(
                    "|",
                    "\\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}\\b",
                    "\\bgh[pousr]_[A-Za-z0-9]{36,255}\\b",
                    "\\bgithub_pat_[A-Za-z0-9_]{60,255}\\b",
                    "\\bglpat-[A-Za-z0-9_-]{20,}\\b",
                    "\\bxox[abposr]-[A-Za-z0-9-]{10,}",
                    "https://hooks\\.slack\\.com/services/[A-Za-z0-9/_-]{20,}",
                    "\\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}\\b",
                    "\\bsk-(?:proj-|svcacct-|admin-|ant-(?:api\\d\\d-)?)?[A-Za-z0-9_-]{20,}",
                    "\\bAIza[0-9A-Za-z_-]{35}\\b",
                    "\\bhf_[A-Za-z]{30,}\\b",
                    "\\bnpm_[A-Za-z0-9]{36}\\b",
                    "\\bSG\\.[A-Za-z0-9_-]{20,24}\\.[A-Za-z0-9_-]{40,50}\\b",
                    "\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}",
                    "-----BEGIN (?:[A-Z]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----[\\s\\S]{0,12000}?-----END (?:[A-Z]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----"));
    private static final Pattern ASSIGNED = Pattern.compile(
            "(?i)\\b(?:api[_-]?key|apikey|secret(?:[_-]?key)?|client[_-]?secret|access[_-]?token|auth[_-]?token|token|password|passwd|pwd|"
                    + "private[_-]?key|aws_secret_access_key)[\"']?\\s{0,3}[:=]\\s{0,3}[\"']?([^\\s\"',;]{6,200})");
    private static final Pattern TOKEN =
            Pattern.compile("(?<![A-Za-z0-9+/_=-])[A-Za-z0-9+/_=-]{24,512}(?![A-Za-z0-9+/_=-])");
    private static final double ENTROPY_BITS = 4.2;

    @Override
    public void find(String text, List<PiiMatch> out) {
        Matcher m = KNOWN.matcher(text);
        while (m.find()) {
            out.add(new PiiMatch(PiiTypes.SECRET, m.start(), m.end(), 100));
        }
        m = ASSIGNED.matcher(text);
        while (m.find()) {
            String v = m.group(1);
            if (looksSecret(v)) {
                out.add(new PiiMatch(PiiTypes.SECRET, m.start(1), m.end(1), 90));
            }
        }
        m = TOKEN.matcher(text);
        while (m.find()) {
            if (highEntropy(m.group())) {
                out.add(new PiiMatch(PiiTypes.SECRET, m.start(), m.end(), 30));
            }
        }
    }

    /** A value after "password=" that is not a plain word or a placeholder like "&lt;your-key&gt;". */
    private static boolean looksSecret(String v) {
        if (v.startsWith("$")
                || v.startsWith("<")
                || v.startsWith("{")
                || v.startsWith("%")
                || v.startsWith("[")
                || v.equalsIgnoreCase("null")
                || v.equalsIgnoreCase("none")
                || v.matches("(?i)x+|\\*+|\\.+|changeme|password|secret|example")) {
            return false;
        }
        boolean digit = v.chars().anyMatch(Character::isDigit);
        boolean letter = v.chars().anyMatch(Character::isLetter);
        boolean other = v.chars().anyMatch(c -> !Character.isLetterOrDigit(c));
        return letter && (digit || other) || v.length() >= 12 && !v.chars().allMatch(Character::isLowerCase);
    }

    static boolean highEntropy(String t) {
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
            digit |= c >= '0' && c <= '9';
        }
        if (!(upper && lower && digit) || t.chars().filter(c -> c == '/').count() > 2) {
            return false;
        }
        // Short tokens cannot reach high entropy even when random, so the bar scales with length.
        if (entropy(t) < Math.min(ENTROPY_BITS, 0.87 * Math.log(t.length()) / Math.log(2))) {
            return false;
        }
        // A base64 run that decodes to readable text is an encoded message, not a key.
        try {
            String b = t.replace('-', '+').replace('_', '/');
            int pad = b.indexOf('=');
            b = pad >= 0 ? b.substring(0, pad) : b;
            b = b.substring(0, b.length() - b.length() % 4);
            byte[] bytes = java.util.Base64.getDecoder().decode(b);
            String s = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            long printable = s.chars().filter(c -> c >= 0x20 && c < 0x7F).count();
            return printable < s.length() * 0.9;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    static double entropy(String s) {
        int[] counts = new int[128];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 128) {
                counts[c]++;
                n++;
            }
        }
        double h = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = (double) c / n;
                h -= p * Math.log(p) / Math.log(2);
            }
        }
        return h;
    }
}
