package dev.sluice.guard.normalize;

/**
 * Folds Cyrillic and Greek letters that render like Latin ones onto the Latin letter, so
 * "іgnоrе" (Cyrillic і, о, е) reads as "ignore" and "jоhn@ехаmple.com" as an e-mail address.
 * Fullwidth and mathematical letters are already handled by NFKC before this runs.
 */
final class Confusables {
    private static final char[] MAP = new char[0x0530];

    static {
        // Cyrillic lower case
        put("а", 'a');
        put("в", 'b');
        put("е", 'e');
        put("ё", 'e');
        put("к", 'k');
        put("м", 'm');
        put("н", 'h');
        put("о", 'o');
        put("р", 'p');
        put("с", 'c');
        put("т", 't');
        put("у", 'y');
        put("х", 'x');
        put("ѕ", 's');
        put("і", 'i');
        put("ї", 'i');
        put("ј", 'j');
        put("ԁ", 'd');
        put("һ", 'h');
        put("ӏ", 'l');
        put("ԛ", 'q');
        put("ԝ", 'w');
        put("ь", 'b');
        put("ɡ", 'g');
        // Cyrillic upper case
        put("А", 'A');
        put("В", 'B');
        put("Е", 'E');
        put("К", 'K');
        put("М", 'M');
        put("Н", 'H');
        put("О", 'O');
        put("Р", 'P');
        put("С", 'C');
        put("Т", 'T');
        put("Х", 'X');
        put("У", 'Y');
        put("Ѕ", 'S');
        put("І", 'I');
        put("Ј", 'J');
        put("Ԁ", 'D');
        put("Ӏ", 'I');
        put("Ԝ", 'W');
        // Greek
        put("α", 'a');
        put("β", 'b');
        put("ε", 'e');
        put("ι", 'i');
        put("κ", 'k');
        put("ν", 'v');
        put("ο", 'o');
        put("ρ", 'p');
        put("τ", 't');
        put("υ", 'u');
        put("χ", 'x');
        put("γ", 'y');
        put("Α", 'A');
        put("Β", 'B');
        put("Ε", 'E');
        put("Ζ", 'Z');
        put("Η", 'H');
        put("Ι", 'I');
        put("Κ", 'K');
        put("Μ", 'M');
        put("Ν", 'N');
        put("Ο", 'O');
        put("Ρ", 'P');
        put("Τ", 'T');
        put("Υ", 'Y');
        put("Χ", 'X');
    }

    private Confusables() {}

    private static void put(String from, char to) {
        MAP[from.charAt(0)] = to;
    }

    /** The Latin look-alike of {@code c}, or 0 when it has none. */
    static char fold(char c) {
        return c < MAP.length ? MAP[c] : 0;
    }
}
