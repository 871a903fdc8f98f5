package dev.sluice.guard.pii;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The per-conversation mapping between placeholders and the values they hide. The same value
 * always gets the same placeholder ("[EMAIL_1]" stays "[EMAIL_1]" in every turn), so the model
 * can still refer to it; {@link #reidentify(String)} puts the values back for the owner.
 * Serializes to JSON through {@code Json.MAPPER} for a state store. {@link #toString()} never
 * prints a value. Not thread-safe: one conversation is handled by one stream thread.
 */
public final class PiiVault {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\[([A-Z][A-Z_]*)_(\\d+)\\]");

    /** One mapping; its toString hides the value too, in case someone logs an entry. */
    public record Entry(String placeholder, String type, String value) {
        @Override
        public String toString() {
            return "Entry[" + placeholder + "]";
        }
    }

    /** The JSON form: the entries in the order they were created. */
    public record Snapshot(List<Entry> entries) {
        @Override
        public String toString() {
            return "Snapshot[entries=" + entries.size() + "]";
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, Entry> byKey = new HashMap<>();
    private final Map<String, Entry> byPlaceholder = new HashMap<>();
    private final Map<String, Integer> counters = new HashMap<>();

    public PiiVault() {
    }

    @JsonCreator
    public static PiiVault fromSnapshot(Snapshot snapshot) {
        PiiVault v = new PiiVault();
        if (snapshot != null && snapshot.entries() != null) {
            for (Entry e : snapshot.entries()) {
                v.add(e);
            }
        }
        return v;
    }

    @JsonValue
    public Snapshot snapshot() {
        return new Snapshot(List.copyOf(entries));
    }

    /** The placeholder for this value, creating the next number of its type on first sight. */
    public String placeholderFor(String type, String value) {
        Entry known = byKey.get(key(type, value));
        if (known != null) {
            return known.placeholder();
        }
        int n = counters.getOrDefault(type, 0) + 1;
        Entry e = new Entry("[" + type + "_" + n + "]", type, value);
        add(e);
        return e.placeholder();
    }

    /** Replaces every placeholder this vault knows with its value; unknown ones stay as they are. */
    public String reidentify(String text) {
        if (entries.isEmpty() || text.indexOf('[') < 0) {
            return text;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            Entry e = byPlaceholder.get(m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(e == null ? m.group() : e.value()));
        }
        m.appendTail(out);
        return out.toString();
    }

    public int size() {
        return entries.size();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    private void add(Entry e) {
        entries.add(e);
        byKey.put(key(e.type(), e.value()), e);
        byPlaceholder.put(e.placeholder(), e);
        Matcher m = PLACEHOLDER.matcher(e.placeholder());
        if (m.matches()) {
            counters.merge(e.type(), Integer.parseInt(m.group(2)), Math::max);
        }
    }

    /** Spelling-insensitive identity: "A@B.com" and "a@b.com", "4111 1111..." and "4111-1111...". */
    private static String key(String type, String value) {
        String v = switch (type) {
            case PiiTypes.EMAIL -> value.toLowerCase(Locale.ROOT);
            case PiiTypes.PHONE, PiiTypes.CREDIT_CARD, PiiTypes.US_SSN -> value.replaceAll("[^0-9+]", "");
            case PiiTypes.IBAN, PiiTypes.MAC_ADDRESS -> value.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
            case PiiTypes.IP_ADDRESS -> value.toLowerCase(Locale.ROOT);
            default -> value;
        };
        return type + '\u0000' + v;
    }

    @Override
    public String toString() {
        return "PiiVault[entries=" + entries.size() + ", values=<redacted>]";
    }
}
