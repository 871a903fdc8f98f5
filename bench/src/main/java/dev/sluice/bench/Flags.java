package dev.sluice.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** {@code --name value} options of a benchmark main; an unknown or valueless option is an error, not a silent default. */
public final class Flags {
    private final Map<String, String> values = new HashMap<>();

    public Flags(String[] args, List<String> known) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || !known.contains(a.substring(2))) {
                throw new IllegalArgumentException("unknown option " + a + "; known: --" + String.join(", --", known));
            }
            if (i + 1 >= args.length) throw new IllegalArgumentException(a + " needs a value");
            values.put(a.substring(2), args[++i]);
        }
    }

    /** The flag's value, or null when it is not given. */
    public @Nullable String get(String name) {
        return values.get(name);
    }

    public String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public int integer(String name, int fallback) {
        return Integer.parseInt(get(name, String.valueOf(fallback)));
    }

    /** Milliseconds as a plain number: {@code --ttft-ms 120}. */
    public Duration millis(String name, long fallback) {
        return Duration.ofMillis(Long.parseLong(get(name, String.valueOf(fallback))));
    }

    public List<Integer> integers(String name, String fallback) {
        return Stream.of(get(name, fallback).split(","))
                .map(String::trim)
                .map(Integer::parseInt)
                .toList();
    }
}
