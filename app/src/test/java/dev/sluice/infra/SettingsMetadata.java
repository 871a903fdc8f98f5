package dev.sluice.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every {@code sluice.*} setting, read from the {@code META-INF/spring-configuration-metadata.json}
 * that Spring Boot's configuration processor writes into each module's jar from its
 * {@code @ConfigurationProperties} records (and {@code additional-spring-configuration-metadata.json}
 * for the few read before any bean exists). The app's test classpath holds every module.
 */
final class SettingsMetadata {
    static final String RESOURCE = "META-INF/spring-configuration-metadata.json";

    /** One setting; {@code defaultValue} as the README writes it (lists comma-separated), null when it has none. */
    record Property(
            String name,
            String type,
            @Nullable String defaultValue,
            @Nullable String description,
            String source) {
        /** A map binds any key below its name ({@code sluice.guard.safety.self-harm}). */
        boolean isMap() {
            return type.startsWith("java.util.Map<");
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, Property> properties = new TreeMap<>();
    private int files;

    SettingsMetadata() {
        try {
            for (URL url :
                    Collections.list(SettingsMetadata.class.getClassLoader().getResources(RESOURCE))) {
                files++;
                try (InputStream in = url.openStream()) {
                    for (JsonNode p : JSON.readTree(in).path("properties")) {
                        String name = p.path("name").asString();
                        if (!name.startsWith("sluice.")) continue;
                        properties.merge(
                                name,
                                new Property(
                                        name,
                                        p.path("type").asString(),
                                        defaultValue(p.get("defaultValue")),
                                        p.hasNonNull("description")
                                                ? p.get("description").asString()
                                                : null,
                                        url.toString()),
                                SettingsMetadata::same);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Two records may share a prefix, never a setting: one name, one owner, one default. */
    private static Property same(Property a, Property b) {
        throw new AssertionError("setting " + a.name() + " is declared twice: by " + a.source() + " and " + b.source());
    }

    private static @Nullable String defaultValue(@Nullable JsonNode value) {
        if (value == null || value.isNull()) return null;
        if (value.isArray()) {
            return StreamSupport.stream(value.spliterator(), false)
                    .map(JsonNode::asString)
                    .collect(Collectors.joining(","));
        }
        String text = value.asString();
        // The processor writes a list's @DefaultValue as Java prints it, "[US, GB]"; the table writes "US,GB".
        if (text.startsWith("[") && text.endsWith("]"))
            return text.substring(1, text.length() - 1).replace(", ", ",");
        return text;
    }

    Map<String, Property> properties() {
        return Collections.unmodifiableMap(properties);
    }

    /** How many metadata files were found: one per module with settings. */
    int files() {
        return files;
    }
}
