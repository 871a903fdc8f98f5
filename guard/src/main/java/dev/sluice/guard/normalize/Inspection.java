package dev.sluice.guard.normalize;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Everything the checks look at for one text: the normalized view (with offsets, for PII), the
 * folded matching view (for injection and safety rules), and any decoded payloads, already
 * folded too. Built once per text and shared by every check.
 */
public record Inspection(NormalizedText normalized, String folded, List<Segment> decoded) {

    /** A decoded payload in folded form, named by how it was encoded. */
    public record Segment(String kind, String folded) {}

    public static Inspection of(String original) {
        NormalizedText normalized = TextNormalizer.normalize(original);
        String folded = Folding.fold(normalized.text());
        List<Segment> decoded = new ArrayList<>(0);
        for (String trick : normalized.obfuscation()) {
            if (trick.startsWith("tags:")) {
                decoded.add(new Segment("unicode-tags", Folding.fold(trick.substring(5))));
            }
        }
        for (DecodedPayload p : PayloadDecoder.decode(normalized.text())) {
            decoded.add(new Segment(
                    p.kind(), Folding.fold(TextNormalizer.normalize(p.text()).text())));
        }
        return new Inspection(normalized, folded, List.copyOf(decoded));
    }

    public Set<String> obfuscation() {
        return normalized.obfuscation();
    }

    public String original() {
        return normalized.original();
    }

    @Override
    public String toString() {
        return "Inspection[length=" + folded.length() + ", decoded=" + decoded.size() + "]";
    }
}
