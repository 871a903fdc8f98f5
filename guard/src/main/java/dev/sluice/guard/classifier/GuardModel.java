package dev.sluice.guard.classifier;

import dev.sluice.schemas.serde.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The trained heads as one small JSON file: which encoder they expect, the heads, and what they
 * were trained on with their held-out figures ({@code ./sluice guard train} writes it;
 * {@code sluice.guard.model} points at an operator's own). The default ships in the jar.
 */
public record GuardModel(
        String encoder,
        List<Head> heads,
        Map<String, Object> provenance,
        @Nullable Gate gate) {
    public static final String BUNDLED = "/guard/heads.json";

    public GuardModel {
        heads = List.copyOf(heads);
        // In the order it was written (Map.copyOf's order changes from one JVM to the next, and the file with it).
        provenance = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(provenance));
        if (!SentenceEncoder.NAME.equals(encoder)) {
            throw new IllegalArgumentException(
                    "guard model was trained on encoder '" + encoder + "', this build runs " + SentenceEncoder.NAME);
        }
    }

    /** Heads without a gate: the encoder reads every text (a model file of format 1). */
    public GuardModel(String encoder, List<Head> heads, Map<String, Object> provenance) {
        this(encoder, heads, provenance, null);
    }

    public static GuardModel bundled() {
        try (InputStream in = GuardModel.class.getResourceAsStream(BUNDLED)) {
            if (in == null) throw new IllegalStateException(BUNDLED + " is missing from the guard jar");
            return parse(Json.MAPPER.readTree(in), BUNDLED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static GuardModel read(Path file) {
        try {
            return parse(Json.MAPPER.readTree(Files.readString(file)), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read guard model " + file + ": " + e.getMessage(), e);
        }
    }

    private static GuardModel parse(JsonNode root, String where) {
        if (root == null || !root.has("heads"))
            throw new IllegalArgumentException(where + " is not a guard model (no \"heads\")");
        List<Head> heads = new ArrayList<>();
        for (JsonNode h : root.get("heads")) {
            JsonNode w = h.get("weights");
            double[] weights = new double[w.size()];
            for (int i = 0; i < weights.length; i++) weights[i] = w.get(i).asDouble();
            if (weights.length != Features.SIZE) {
                throw new IllegalArgumentException(where + ": head "
                        + h.get("name").asString() + " has " + weights.length + " weights, expected " + Features.SIZE);
            }
            heads.add(new Head(
                    h.get("name").asString(),
                    h.get("check").asString(),
                    weights,
                    h.get("bias").asDouble(),
                    h.get("threshold").asDouble(),
                    h.has("flag_at") ? h.get("flag_at").asDouble() : 0));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> provenance =
                root.has("provenance") ? Json.MAPPER.convertValue(root.get("provenance"), Map.class) : Map.of();
        return new GuardModel(root.get("encoder").asString(), heads, provenance, Gate.read(root, where));
    }

    public void write(Path file) throws IOException {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("format", gate == null ? 1 : 2);
        root.put("encoder", encoder);
        root.set("provenance", Json.MAPPER.valueToTree(provenance));
        ArrayNode hs = root.putArray("heads");
        for (Head h : heads) {
            ObjectNode o = hs.addObject()
                    .put("name", h.name())
                    .put("check", h.check())
                    .put("bias", round(h.bias()))
                    .put("threshold", round(h.threshold()));
            if (h.flagAt() > 0) o.put("flag_at", round(h.flagAt()));
            ArrayNode w = o.putArray("weights");
            for (double v : h.weights()) w.add(round(v));
        }
        if (gate != null) gate.write(root);
        Files.writeString(file, Json.MAPPER.writeValueAsString(root));
    }

    /** Six significant digits: the file stays small (a few KB a head) and scores move by < 1e-5. */
    static double round(double v) {
        return Double.parseDouble(String.format(java.util.Locale.ROOT, "%.6g", v));
    }
}
