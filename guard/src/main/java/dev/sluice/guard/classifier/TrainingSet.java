package dev.sluice.guard.classifier;

import dev.sluice.schemas.serde.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Labelled lines for {@code guard train}: {@code {"text", "labels": [...]}} (or one {@code "label"};
 * "benign", "safe" and an empty list mean no label) with an optional {@code "group"}: rows of one
 * group (variants of one attack, say) land on the same side of every split; and an optional
 * {@code "slice"} naming the kind of row ("short", "edgy", "trigger", ...), which the trainer
 * holds to its own false-block budget and reports on its own.
 */
public record TrainingSet(List<Row> rows, Set<String> labels) {
    public record Row(String text, Set<String> labels, String group, String slice) {
        public Row(String text, Set<String> labels, String group) {
            this(text, labels, group, "");
        }

        public boolean benign() {
            return labels.isEmpty();
        }
    }

    private static final Set<String> NEGATIVE = Set.of("benign", "safe", "none", "clean", "0", "false");

    public static TrainingSet read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        Set<String> all = new TreeSet<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) continue;
                JsonNode node;
                try {
                    node = Json.MAPPER.readTree(line);
                } catch (JacksonException e) {
                    throw new IllegalArgumentException(
                            file + " line " + lineNo + ": not valid JSON (" + e.getOriginalMessage() + ")");
                }
                if (!node.isObject() || !node.has("text") || !node.get("text").isString()) {
                    throw new IllegalArgumentException(
                            file + " line " + lineNo + ": expected an object with a string \"text\"");
                }
                Set<String> labels = new TreeSet<>();
                if (node.has("labels"))
                    node.get("labels")
                            .forEach(l -> labels.add(l.asString().trim().toLowerCase(java.util.Locale.ROOT)));
                if (node.has("label"))
                    labels.add(node.get("label").asString().trim().toLowerCase(java.util.Locale.ROOT));
                labels.removeIf(l -> l.isEmpty() || NEGATIVE.contains(l));
                String text = node.get("text").stringValue();
                String group = node.has("group") ? node.get("group").asString() : text;
                String slice = node.has("slice") ? node.get("slice").asString() : "";
                rows.add(new Row(text, Set.copyOf(labels), group, slice));
                all.addAll(labels);
            }
        }
        if (rows.isEmpty()) throw new IllegalArgumentException(file + " holds no rows");
        return new TrainingSet(
                List.copyOf(rows), java.util.Collections.unmodifiableSet(all)); // sorted: heads in a stable order
    }

    /** Which side a row's group falls on: a seeded hash, so the split is the same on every run. */
    public static double bucket(String group, long seed) {
        long h = seed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < group.length(); i++) h = (h ^ group.charAt(i)) * 0x100000001B3L;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (h >>> 11) / (double) (1L << 53);
    }
}
