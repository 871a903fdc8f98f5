package dev.sluice.gateway.chat;

/**
 * A cheap, deliberately high estimate of how many tokens a text is, for limits enforced before
 * any tokenizer runs. BPE vocabularies give English about 4 characters a token, so ASCII is
 * counted at 3 characters a token; other scripts (CJK, emoji, accented text) often take one or
 * more tokens a code point, so each non-ASCII code point counts as one.
 */
public final class TokenEstimate {
    /** Role markers and separators the chat template adds around every message. */
    public static final int PER_MESSAGE_OVERHEAD = 4;

    public static int of(String text) {
        int ascii = 0;
        int other = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (cp < 0x80) ascii++;
            else other++;
            i += Character.charCount(cp);
        }
        return (ascii + 2) / 3 + other;
    }

    private TokenEstimate() {}
}
