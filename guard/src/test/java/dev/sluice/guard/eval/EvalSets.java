package dev.sluice.guard.eval;

import dev.sluice.guard.Action;
import dev.sluice.guard.Entity;
import dev.sluice.guard.GuardPipeline;
import dev.sluice.guard.GuardVerdict;
import dev.sluice.guard.pii.PiiTypes;
import dev.sluice.guard.pii.PiiVault;
import dev.sluice.schemas.serde.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Loads the labelled sets and scores the pipeline on them; shared by the regression test and the
 * evaluation bench so both report the same numbers.
 */
public final class EvalSets {
    /** Presidio's entity names for the structured types we mask. */
    public static final Map<String, String> PRESIDIO_TYPES = Map.of(
            "EMAIL_ADDRESS",
            PiiTypes.EMAIL,
            "PHONE_NUMBER",
            PiiTypes.PHONE,
            "CREDIT_CARD",
            PiiTypes.CREDIT_CARD,
            "IBAN_CODE",
            PiiTypes.IBAN,
            "US_SSN",
            PiiTypes.US_SSN,
            "IP_ADDRESS",
            PiiTypes.IP_ADDRESS,
            "MAC_ADDRESS",
            PiiTypes.MAC_ADDRESS);

    private EvalSets() {}

    public static Path evalDev() {
        String dir = System.getProperty("sluice.evaldev.dir");
        List<Path> candidates = dir != null
                ? List.of(Path.of(dir))
                : List.of(Path.of("..", "shared", "eval-dev"), Path.of("..", "..", "shared", "eval-dev"));
        for (Path p : candidates) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException("eval-dev data not found (set -Dsluice.evaldev.dir); looked at " + candidates);
    }

    public static Path benchEval() {
        for (Path p : List.of(Path.of("..", "bench", "eval"), Path.of("bench", "eval"))) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException(
                "bench/eval not found from " + Path.of("").toAbsolutePath());
    }

    public static List<JsonNode> read(Path file) {
        try {
            List<JsonNode> rows = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    rows.add(Json.MAPPER.readTree(line));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Binary confusion counts with the usual ratios. */
    public record Counts(int tp, int fp, int fn, int tn) {
        public double precision() {
            return tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
        }

        public double recall() {
            return tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
        }

        public double falsePositiveRate() {
            return fp + tn == 0 ? 0.0 : (double) fp / (fp + tn);
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        Counts plus(boolean truth, boolean predicted) {
            return new Counts(
                    tp + (truth && predicted ? 1 : 0),
                    fp + (!truth && predicted ? 1 : 0),
                    fn + (truth && !predicted ? 1 : 0),
                    tn + (!truth && !predicted ? 1 : 0));
        }

        Counts plusSpans(int tp2, int fp2, int fn2) {
            return new Counts(tp + tp2, fp + fp2, fn + fn2, tn);
        }
    }

    /** Injection detection: a row is predicted positive when the action is not ALLOW. */
    public static Counts injection(GuardPipeline pipeline, List<JsonNode> rows) {
        Counts c = new Counts(0, 0, 0, 0);
        for (JsonNode row : rows) {
            GuardVerdict v = pipeline.inspect(row.get("text").asString(), new PiiVault());
            c = c.plus(!row.get("label").asString().equals("benign"), v.action() != Action.ALLOW);
        }
        return c;
    }

    /** A predicted span of the right type that overlaps an expected one counts as found (each once). */
    public static void scoreSpans(
            String type, List<int[]> expected, List<Entity> predicted, Map<String, Counts> perType) {
        List<Entity> ofType =
                predicted.stream().filter(e -> e.type().equals(type)).toList();
        boolean[] used = new boolean[ofType.size()];
        int tp = 0;
        for (int[] span : expected) {
            for (int i = 0; i < ofType.size(); i++) {
                Entity e = ofType.get(i);
                if (!used[i] && (span == null || e.start() < span[1] && span[0] < e.end())) {
                    used[i] = true;
                    tp++;
                    break;
                }
            }
        }
        int fp = 0;
        for (boolean u : used) {
            fp += u ? 0 : 1;
        }
        perType.merge(type, new Counts(tp, fp, expected.size() - tp, 0), (a, b) -> a.plusSpans(b.tp(), b.fp(), b.fn()));
    }

    /** Presidio recognizer cases, scored per supported type on that row's entity type only. */
    public static Map<String, Counts> presidio(GuardPipeline pipeline, List<JsonNode> rows) {
        Map<String, Counts> perType = new TreeMap<>();
        for (JsonNode row : rows) {
            String type = PRESIDIO_TYPES.get(row.get("entity_types").get(0).asString());
            if (type == null) {
                continue;
            }
            List<int[]> expected = new ArrayList<>();
            for (JsonNode s : row.get("expected_spans")) {
                expected.add(new int[] {s.get(0).asInt(), s.get(1).asInt()});
            }
            // Some IPv6 rows give a count without spans; any overlapping prediction then matches.
            while (expected.size() < row.get("expected_count").asInt()) {
                expected.add(null);
            }
            GuardVerdict v = pipeline.inspect(row.get("text").asString(), new PiiVault());
            scoreSpans(type, expected, v.entities(), perType);
        }
        return perType;
    }

    /** The generated PII set: every row lists its expected entities with type and span. */
    public static Map<String, Counts> generatedPii(GuardPipeline pipeline, List<JsonNode> rows) {
        Map<String, Counts> perType = new TreeMap<>();
        for (String t : List.of(
                PiiTypes.EMAIL,
                PiiTypes.PHONE,
                PiiTypes.CREDIT_CARD,
                PiiTypes.IBAN,
                PiiTypes.US_SSN,
                PiiTypes.IP_ADDRESS)) {
            perType.put(t, new Counts(0, 0, 0, 0));
        }
        for (JsonNode row : rows) {
            GuardVerdict v = pipeline.inspect(row.get("text").asString(), new PiiVault());
            Map<String, List<int[]>> expected = new TreeMap<>();
            for (JsonNode e : row.get("entities")) {
                expected.computeIfAbsent(e.get("type").asString(), k -> new ArrayList<>())
                        .add(new int[] {e.get("start").asInt(), e.get("end").asInt()});
            }
            for (String t : perType.keySet()) {
                scoreSpans(t, expected.getOrDefault(t, List.of()), v.entities(), perType);
            }
        }
        return perType;
    }

    /** llm-guard anonymize cases: text-level, "has_pii" predicted when anything was masked. */
    public static Counts anonymize(GuardPipeline pipeline, List<JsonNode> rows) {
        Counts c = new Counts(0, 0, 0, 0);
        for (JsonNode row : rows) {
            GuardVerdict v = pipeline.inspect(row.get("text").asString(), new PiiVault());
            c = c.plus(
                    row.get("label").asString().equals("has_pii"), !v.entities().isEmpty());
        }
        return c;
    }

    public static Counts total(Map<String, Counts> perType, List<String> types) {
        Counts sum = new Counts(0, 0, 0, 0);
        for (String t : types) {
            Counts c = perType.get(t);
            if (c != null) {
                sum = sum.plusSpans(c.tp(), c.fp(), c.fn());
            }
        }
        return sum;
    }
}
