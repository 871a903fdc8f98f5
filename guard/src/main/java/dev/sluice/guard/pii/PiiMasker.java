package dev.sluice.guard.pii;

import dev.sluice.guard.Entity;
import dev.sluice.guard.normalize.NormalizedText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Runs the recognizers over the normalized text, resolves overlaps (the more specific recognizer
 * wins: a card number is not also a phone number), maps spans back to the original text, applies
 * the allow and deny lists, and cuts the masked text from the original.
 */
public final class PiiMasker {
    /** The masked text and the entities, with offsets into the original. */
    public record Result(String masked, List<Entity> entities) {}

    private final List<PiiRecognizer> recognizers;
    private final Set<String> types;
    private final Set<String> allow;
    private final @Nullable Pattern deny;

    public PiiMasker(List<PiiRecognizer> recognizers, Set<String> types, Set<String> allow, List<String> deny) {
        this.recognizers = List.copyOf(recognizers);
        this.types = Set.copyOf(types);
        this.allow = allow.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.deny = deny.isEmpty()
                ? null
                : Pattern.compile(deny.stream()
                        .map(Pattern::quote)
                        .collect(Collectors.joining("|", "(?iu)(?<![\\p{L}\\p{N}])(?:", ")(?![\\p{L}\\p{N}])")));
    }

    public static List<PiiRecognizer> standardRecognizers(List<String> phoneRegions) {
        return List.of(
                new SecretRecognizer(),
                new CredentialUrlRecognizer(),
                new EmailRecognizer(),
                new IbanRecognizer(),
                new CardRecognizer(),
                new SsnRecognizer(),
                new IpRecognizer(),
                new MacRecognizer(),
                new PhoneRecognizer(phoneRegions));
    }

    public Result mask(NormalizedText normalized, PiiVault vault) {
        String text = normalized.text();
        List<PiiMatch> found = new ArrayList<>();
        for (PiiRecognizer r : recognizers) {
            r.find(text, found);
        }
        if (deny != null) {
            Matcher m = deny.matcher(text);
            while (m.find()) {
                found.add(new PiiMatch(PiiTypes.DENIED, m.start(), m.end(), 200));
            }
        }
        if (found.isEmpty()) {
            return new Result(normalized.original(), List.of());
        }
        found.sort(Comparator.comparingInt(PiiMatch::priority)
                .reversed()
                .thenComparing(Comparator.comparingInt((PiiMatch p) -> p.end() - p.start())
                        .reversed())
                .thenComparingInt(PiiMatch::start));
        boolean[] taken = new boolean[text.length() + 1];
        List<int[]> spans = new ArrayList<>();
        List<String> spanTypes = new ArrayList<>();
        String original = normalized.original();
        for (PiiMatch p : found) {
            if (!p.type().equals(PiiTypes.DENIED) && !types.contains(p.type())
                    || p.end() <= p.start()
                    || overlaps(taken, p)) {
                continue;
            }
            int start = normalized.originalStart(p.start());
            int end = normalized.originalEnd(p.end());
            if (!p.type().equals(PiiTypes.DENIED)
                    && allow.contains(original.substring(start, end).toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (int i = p.start(); i < p.end(); i++) {
                taken[i] = true;
            }
            spans.add(new int[] {start, end});
            spanTypes.add(p.type());
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(i -> spans.get(i)[0]));
        StringBuilder masked = new StringBuilder(original.length());
        List<Entity> entities = new ArrayList<>(spans.size());
        int last = 0;
        for (int i : order) {
            int[] s = spans.get(i);
            String placeholder = vault.placeholderFor(spanTypes.get(i), original.substring(s[0], s[1]));
            masked.append(original, last, s[0]).append(placeholder);
            last = s[1];
            entities.add(new Entity(spanTypes.get(i), s[0], s[1], placeholder));
        }
        masked.append(original, last, original.length());
        return new Result(masked.toString(), entities);
    }

    private static boolean overlaps(boolean[] taken, PiiMatch p) {
        for (int i = p.start(); i < p.end(); i++) {
            if (taken[i]) {
                return true;
            }
        }
        return false;
    }
}
