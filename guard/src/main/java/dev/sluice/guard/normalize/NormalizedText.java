package dev.sluice.guard.normalize;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A normalized view of a text with, for every char of {@link #text()}, the span of the original
 * text it came from. Checks run on the view; masks are cut from the original through
 * {@link #originalStart(int)} and {@link #originalEnd(int)}.
 *
 * @param obfuscation the tricks seen while normalizing (invisible, bidi, confusable, compat)
 */
public record NormalizedText(
        String original, String text, int @Nullable [] starts, int @Nullable [] ends, Set<String> obfuscation) {

    /** Original offset of the char at normalized index {@code i}. */
    public int originalStart(int i) {
        if (i >= text.length()) {
            return original.length();
        }
        return starts == null ? i : starts[i];
    }

    /** Original end offset (exclusive) of a span that ends at normalized index {@code endExclusive}. */
    public int originalEnd(int endExclusive) {
        if (endExclusive <= 0) {
            return 0;
        }
        return ends == null ? endExclusive : ends[endExclusive - 1];
    }

    @Override
    public String toString() {
        return "NormalizedText[length=" + text.length() + ", obfuscation=" + obfuscation + "]";
    }
}
