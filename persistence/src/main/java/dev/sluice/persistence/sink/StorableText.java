package dev.sluice.persistence.sink;

/**
 * Text as PostgreSQL can store it. A {@code text} value cannot contain U+0000 (the server refuses
 * the whole statement with SQLState 22021), yet a model can emit it: a byte-fallback token
 * decodes to a raw 0x00, and a remote engine may send one. Such an answer is kept with U+FFFD,
 * the Unicode replacement character, where the NUL was; every other character is kept as is.
 */
final class StorableText {
    static final char NUL = '\u0000';
    static final char REPLACEMENT = '\uFFFD';

    static String of(String text) {
        return text.indexOf(NUL) < 0 ? text : text.replace(NUL, REPLACEMENT);
    }

    private StorableText() {}
}
