package dev.sluice.app.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** {@code --name value} and {@code --flag} options; anything else (e.g. {@code --spring.x=y}) passes through. */
record Args(Map<String, String> options, List<String> positional) {
    private static final Set<String> FLAGS = Set.of("fresh", "inline-worker");
    private static final Set<String> VALUED = Set.of(
            "model",
            "port",
            "data-dir",
            "engine-url",
            "engine-model",
            "engine",
            "ttl",
            "private-key",
            "issuer",
            "audience",
            "host",
            "kafka",
            "worker-port");

    static Args parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String name = a.startsWith("--") ? a.substring(2) : "";
            if (FLAGS.contains(name)) {
                options.put(name, "true");
            } else if (VALUED.contains(name)) {
                if (i + 1 >= args.length) throw new IllegalArgumentException("--" + name + " needs a value");
                options.put(name, args[++i]);
            } else {
                rest.add(a);
            }
        }
        return new Args(options, rest);
    }

    /** The option's value, or null when it is not given. */
    @Nullable
    String get(String name) {
        return options.get(name);
    }

    String get(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }

    String[] rest() {
        return positional.toArray(String[]::new);
    }
}
