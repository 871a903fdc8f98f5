package dev.sluice.guard.classifier;

import dev.sluice.schemas.serde.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code guard train --misses FILE}: the calibration and held-out rows the heads get wrong (a benign
 * row a head fires on, a labelled row no head of its label fires on), one JSON object a line with
 * every head's probability, so an operator sees what to relabel or add; then the held-out rows the
 * cascade (as the model runs) gets wrong, as split {@code "held-out cascade"}, with what the cascade
 * did to a benign one ({@code "caught": "block"} or {@code "flag"}).
 */
final class Misses {
    private Misses() {}

    static void write(TrainCommand.Trained trained, List<TrainingSet.Row> rows, Path file) throws IOException {
        GuardModel model = trained.model();
        List<float[][]> embeddings = trained.embeddings();
        double[] ruleInjection = trained.ruleInjection();
        double[] ruleSafety = trained.ruleSafety();
        int[] side = trained.side();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            if (side[i] == 0) continue;
            TrainingSet.Row row = rows.get(i);
            Map<String, Object> p = new LinkedHashMap<>();
            boolean wrong = false;
            for (Head h : model.heads()) {
                double prob = Evaluation.probability(h, embeddings.get(i), ruleInjection[i], ruleSafety[i]);
                p.put(h.name(), Math.round(prob * 1e4) / 1e4);
                boolean truth = row.labels().contains(h.name());
                wrong |= h.catches(prob) != truth && (truth || row.benign()) || row.benign() && prob >= 0.9;
            }
            if (!wrong) continue;
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("split", side[i] == 1 ? "calibration" : "held-out");
            line.put("labels", row.labels());
            line.put("slice", row.slice());
            line.put("p", p);
            line.put("text", row.text());
            out.append(Json.MAPPER.writeValueAsString(line)).append('\n');
        }
        for (Map<String, Object> line : trained.cascadeMisses())
            out.append(Json.MAPPER.writeValueAsString(line)).append('\n');
        Files.writeString(file, out.toString());
    }

    static Map<String, Object> line(TrainingSet.Row row, List<LearnedGuard.Score> scores, String caught) {
        Map<String, Object> p = new LinkedHashMap<>();
        for (LearnedGuard.Score s : scores) p.put(s.head().name(), Math.round(s.probability() * 1e4) / 1e4);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("split", "held-out cascade");
        line.put("labels", row.labels());
        line.put("slice", row.slice());
        if (!caught.isEmpty()) line.put("caught", caught);
        line.put("p", p);
        line.put("text", row.text());
        return line;
    }
}
