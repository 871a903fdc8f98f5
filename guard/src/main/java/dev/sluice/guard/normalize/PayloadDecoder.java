package dev.sluice.guard.normalize;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Decodes encoded runs FOR INSPECTION only: the decoded text is checked by the injection and
 * safety rules but never masked or forwarded. A run counts only when it decodes to readable
 * text, so hashes, ids and binary blobs are left alone.
 */
public final class PayloadDecoder {
    private static final Pattern BASE64 = Pattern.compile("(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{16,}={0,2}");
    private static final Pattern HEX = Pattern.compile("(?<![0-9A-Fa-f])(?:[0-9A-Fa-f]{2}[ :]?){8,}");
    private static final Pattern HEX_ESCAPES = Pattern.compile("(?:\\\\x[0-9A-Fa-f]{2}){4,}");
    private static final Pattern PERCENT = Pattern.compile("%[0-9A-Fa-f]{2}");
    private static final Pattern HTML_ENTITY = Pattern.compile("&#(x[0-9A-Fa-f]{1,6}|[0-9]{1,7});");
    private static final int MAX_PAYLOADS = 16;

    private PayloadDecoder() {}

    public static List<DecodedPayload> decode(String text) {
        List<DecodedPayload> out = new ArrayList<>(0);
        collect(text, out, 0);
        return out;
    }

    private static void collect(String text, List<DecodedPayload> out, int depth) {
        if (depth > 1 || text.length() < 8) {
            return;
        }
        int before = out.size();
        Matcher m = BASE64.matcher(text);
        while (m.find() && out.size() < MAX_PAYLOADS) {
            String run = m.group();
            if (looksLikeBase64(run)) {
                byte[] bytes = decodeBase64(run);
                String s = bytes == null ? null : readable(bytes);
                if (s != null) {
                    out.add(new DecodedPayload("base64", s));
                }
            }
        }
        m = HEX.matcher(text);
        while (m.find() && out.size() < MAX_PAYLOADS) {
            String s = readable(hexBytes(m.group().replaceAll("[ :]", "")));
            if (s != null) {
                out.add(new DecodedPayload("hex", s));
            }
        }
        m = HEX_ESCAPES.matcher(text);
        while (m.find() && out.size() < MAX_PAYLOADS) {
            String s = readable(hexBytes(m.group().replace("\\x", "")));
            if (s != null) {
                out.add(new DecodedPayload("hex", s));
            }
        }
        if (countMatches(PERCENT, text, 3)) {
            String s = percentDecode(text);
            if (!s.equals(text)) {
                out.add(new DecodedPayload("url", s));
            }
        }
        if (text.indexOf("&#") >= 0 && countMatches(HTML_ENTITY, text, 3)) {
            out.add(new DecodedPayload("html-entities", htmlDecode(text)));
        }
        // One more round catches a payload wrapped twice (base64 inside URL-encoding, ...).
        int after = out.size();
        for (int k = before; k < after; k++) {
            collect(out.get(k).text(), out, depth + 1);
        }
    }

    private static boolean looksLikeBase64(String run) {
        boolean upper = false;
        boolean lower = false;
        for (int i = 0; i < run.length(); i++) {
            char c = run.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
        }
        return upper && lower;
    }

    private static byte @Nullable [] decodeBase64(String run) {
        String body = run.replace('-', '+').replace('_', '/');
        int pad = body.indexOf('=');
        if (pad >= 0) {
            body = body.substring(0, pad);
        }
        if (body.length() % 4 == 1) {
            body = body.substring(0, body.length() - 1);
        }
        int rem = body.length() % 4;
        body = body + (rem == 2 ? "==" : rem == 3 ? "=" : "");
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] hexBytes(String hex) {
        int n = hex.length() / 2;
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) Integer.parseInt(hex, 2 * i, 2 * i + 2, 16);
        }
        return b;
    }

    /** The bytes as UTF-8 when they read as text (mostly letters, spaces and punctuation). */
    static @Nullable String readable(byte[] bytes) {
        if (bytes.length < 6) {
            return null;
        }
        String s;
        try {
            s = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        int good = 0;
        int letters = 0;
        int spaces = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
                good++;
            } else if (c == ' ' || c == '\n' || c == '\t') {
                spaces++;
                good++;
            } else if (c >= 0x20 && c != 0x7F && !Character.isISOControl(c)) {
                good++;
            }
        }
        return good >= s.length() * 0.95 && letters >= s.length() * 0.5 ? s : null;
    }

    private static boolean countMatches(Pattern p, String text, int atLeast) {
        Matcher m = p.matcher(text);
        int c = 0;
        while (c < atLeast && m.find()) {
            c++;
        }
        return c >= atLeast;
    }

    private static String percentDecode(String text) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(text.length());
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '%' && i + 2 < raw.length && isHex(raw[i + 1]) && isHex(raw[i + 2])) {
                bytes.write(Character.digit(raw[i + 1], 16) * 16 + Character.digit(raw[i + 2], 16));
                i += 2;
            } else {
                bytes.write(raw[i] == '+' ? ' ' : raw[i]);
            }
        }
        return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
    }

    private static boolean isHex(byte b) {
        return Character.digit(b, 16) >= 0;
    }

    private static String htmlDecode(String text) {
        Matcher m = HTML_ENTITY.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String g = m.group(1);
            int cp = g.charAt(0) == 'x' ? Integer.parseInt(g, 1, g.length(), 16) : Integer.parseInt(g);
            m.appendReplacement(
                    out, Character.isValidCodePoint(cp) ? Matcher.quoteReplacement(Character.toString(cp)) : "");
        }
        m.appendTail(out);
        return out.toString();
    }
}
