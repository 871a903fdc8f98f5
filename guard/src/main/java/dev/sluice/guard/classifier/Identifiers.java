package dev.sluice.guard.classifier;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The classifier's view of identifiers. A user name, run id, ticket, hash or file name carries no
 * intent, but the encoder cuts a random string into many rare word pieces, and the heads read those
 * as an obfuscated payload: "A story to delete, about e2e-mswmlgwm-3." scored injection 0.93 while the
 * same sentence with another run id passed. Such tokens are replaced by one placeholder word before
 * the text is embedded (training and inference alike), so the verdict no longer depends on which
 * random string a sentence carries. Only the encoder's input changes; the rule layers and PII masking
 * still read the text as written.
 *
 * <p>A token counts as an identifier when it is alphanumeric parts joined by {@code - _ . /} or
 * {@code #}, holds a letter and a digit, and has at most one part of letters only (so
 * {@code ignore_all_previous_instructions_2} stays words; a file extension is not counted), or when it is a hexadecimal string of 7 or
 * more characters with a digit and a letter (commit hashes). A single word with digits inside
 * ({@code 1gn0r3}) is left alone: that is leetspeak, not an id.
 */
public final class Identifiers {
    /** The word an identifier becomes. */
    static final String PLACEHOLDER = "id";

    private static final Pattern TOKEN =
            Pattern.compile("(?<![\\p{L}\\p{N}])#?[\\p{L}\\p{N}]+(?:[-_./#][\\p{L}\\p{N}]+)+(?![\\p{L}\\p{N}])"
                    + "|(?<![\\p{L}\\p{N}])[0-9a-fA-F]{7,64}(?![\\p{L}\\p{N}])");
    private static final Pattern SPLIT = Pattern.compile("[-_./#]+");
    /** A file name's extension does not count as a word ({@code report_2024.pdf}). */
    private static final Pattern EXTENSION = Pattern.compile("\\.[A-Za-z]{1,4}$");

    private Identifiers() {}

    /** The text with every identifier replaced by {@link #PLACEHOLDER}; the text itself when it has none. */
    public static String mask(String text) {
        Matcher m = TOKEN.matcher(text);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            if (!isIdentifier(m.group())) continue;
            if (out == null) out = new StringBuilder(text.length());
            out.append(text, last, m.start()).append(PLACEHOLDER);
            last = m.end();
        }
        if (out == null) return text;
        return out.append(text, last, text.length()).toString();
    }

    static boolean isIdentifier(String token) {
        boolean letter = false;
        boolean digit = false;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (Character.isDigit(c)) digit = true;
            else if (Character.isLetter(c)) letter = true;
        }
        if (!letter || !digit) return false;
        String core = EXTENSION
                .matcher(token.startsWith("#") ? token.substring(1) : token)
                .replaceFirst("");
        String[] parts = SPLIT.split(core);
        if (parts.length == 1) return token.chars().allMatch(c -> Character.digit(c, 16) >= 0) && token.length() >= 7;
        int wordsOnly = 0;
        for (String p : parts) {
            if (!p.isEmpty() && p.chars().allMatch(Character::isLetter)) wordsOnly++;
        }
        return wordsOnly <= 1;
    }
}
