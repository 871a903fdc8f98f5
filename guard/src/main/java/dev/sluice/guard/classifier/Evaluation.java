package dev.sluice.guard.classifier;

import dev.sluice.guard.Action;
import dev.sluice.guard.pii.PiiVault;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Held-out figures for {@code guard train}: per label, recall on its rows and the share of benign
 * rows blocked, for the rules alone (the shipped pipeline without heads) and for rules plus heads
 * (the head fires, or the rules block).
 */
final class Evaluation {
    private Evaluation() {}

    static double probability(Head head, float[][] chunks, double ruleInjection, double ruleSafety) {
        double best = 0;
        for (float[] c : chunks) best = Math.max(best, head.probability(Features.of(c, ruleInjection, ruleSafety)));
        return best;
    }

    static Map<String, Object> heldOut(
            GuardModel model,
            List<TrainingSet.Row> rows,
            List<float[][]> embeddings,
            double[] ruleInjection,
            double[] ruleSafety,
            int[] side,
            PrintStream err) {
        var rules = TrainCommand.rulesOnly();
        int n = rows.size();
        boolean[] rulesBlock = new boolean[n];
        boolean[] anyHead = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (side[i] != 2) continue;
            rulesBlock[i] = rules.inspect(rows.get(i).text(), new PiiVault()).action() == Action.BLOCK;
            for (Head h : model.heads()) {
                anyHead[i] |= h.blocksAlone(rows.get(i).text())
                        && h.fires(probability(h, embeddings.get(i), ruleInjection[i], ruleSafety[i]));
            }
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        int benign = 0;
        int benignRules = 0;
        int benignBoth = 0;
        for (int i = 0; i < n; i++) {
            if (side[i] != 2 || !rows.get(i).benign()) continue;
            benign++;
            benignRules += rulesBlock[i] ? 1 : 0;
            benignBoth += rulesBlock[i] || anyHead[i] ? 1 : 0;
        }
        err.printf(
                Locale.ROOT,
                "%-12s %6s %14s %20s %10s%n",
                "held-out",
                "rows",
                "rules recall",
                "rules+heads recall",
                "precision");
        for (Head h : model.heads()) {
            int pos = 0;
            int byRules = 0;
            int byBoth = 0;
            int fired = 0;
            int firedRight = 0;
            for (int i = 0; i < n; i++) {
                if (side[i] != 2) continue;
                boolean truth = rows.get(i).labels().contains(h.name());
                boolean head = h.blocksAlone(rows.get(i).text())
                        && h.fires(probability(h, embeddings.get(i), ruleInjection[i], ruleSafety[i]));
                fired += head ? 1 : 0;
                firedRight += head && truth ? 1 : 0;
                if (!truth) continue;
                pos++;
                byRules += rulesBlock[i] ? 1 : 0;
                byBoth += rulesBlock[i] || head ? 1 : 0;
            }
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("rows", pos);
            f.put("rules_recall", ratio(byRules, pos));
            f.put("recall", ratio(byBoth, pos));
            f.put("head_precision", ratio(firedRight, fired));
            f.put("threshold", Math.round(h.threshold() * 1e4) / 1e4);
            figures.put(h.name(), f);
            err.printf(
                    Locale.ROOT,
                    "%-12s %6d %14.3f %20.3f %10.3f%n",
                    h.name(),
                    pos,
                    ratio(byRules, pos),
                    ratio(byBoth, pos),
                    ratio(firedRight, fired));
        }
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("rows", benign);
        b.put("rules_blocked", ratio(benignRules, benign));
        b.put("blocked", ratio(benignBoth, benign));
        figures.put("benign", b);
        err.printf(
                Locale.ROOT,
                "%-12s %6d %14.3f %20.3f   (share blocked)%n",
                "benign",
                benign,
                ratio(benignRules, benign),
                ratio(benignBoth, benign));
        // Benign blocked per slice (short chat, edgy, trigger words, ...): where false blocks hurt.
        Map<String, int[]> slices = new java.util.TreeMap<>();
        for (int i = 0; i < n; i++) {
            if (side[i] != 2 || !rows.get(i).benign() || rows.get(i).slice().isEmpty()) continue;
            int[] c = slices.computeIfAbsent(rows.get(i).slice(), x -> new int[3]);
            c[0]++;
            c[1] += rulesBlock[i] ? 1 : 0;
            c[2] += rulesBlock[i] || anyHead[i] ? 1 : 0;
        }
        Map<String, Object> bySlice = new LinkedHashMap<>();
        slices.forEach((slice, c) -> {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("rows", c[0]);
            f.put("rules_blocked", ratio(c[1], c[0]));
            f.put("blocked", ratio(c[2], c[0]));
            bySlice.put(slice, f);
            err.printf(
                    Locale.ROOT,
                    "  benign %-10s %6d %12.3f %20.3f   (share blocked)%n",
                    slice,
                    c[0],
                    ratio(c[1], c[0]),
                    ratio(c[2], c[0]));
        });
        if (!bySlice.isEmpty()) figures.put("benign_slices", bySlice);
        return figures;
    }

    /**
     * {@code --misses FILE}: the calibration and held-out rows the heads get wrong (a benign row a
     * head fires on, a labelled row no head of its label fires on), one JSON object a line with
     * every head's probability, so an operator sees what to relabel or add; then the held-out rows
     * the cascade (as the model runs) gets wrong, as split {@code "held-out cascade"}.
     */
    /**
     * Held-out figures of the model as it runs ({@link LearnedGuard#scoreAll}: the gate, then the
     * encoder on the selected window): recall per label with the rules, benign rows blocked, and
     * the share of benign rows the gate sent to the encoder.
     */
    static Map<String, Object> cascade(
            LearnedGuard guard,
            List<TrainingSet.Row> rows,
            List<String> normalized,
            double[] ruleInjection,
            double[] ruleSafety,
            int[] side,
            PrintStream err) {
        var rules = TrainCommand.rulesOnly();
        List<Integer> held = new java.util.ArrayList<>();
        for (int i = 0; i < rows.size(); i++) if (side[i] == 2) held.add(i);
        Map<String, int[]> perLabel = new LinkedHashMap<>();
        for (Head h : guard.model().heads()) perLabel.put(h.name(), new int[2]);
        int benign = 0;
        int benignBlocked = 0;
        long gatedBefore = guard.gatedTexts();
        long encodedBefore = guard.encodedTexts();
        long settledBefore = guard.settledTexts();
        int benignEncoded = 0;
        List<Map<String, Object>> misses = new java.util.ArrayList<>();
        Map<String, int[]> bySlice = new java.util.TreeMap<>();
        for (int from = 0; from < held.size(); from += 16) {
            List<Integer> batch = held.subList(from, Math.min(held.size(), from + 16));
            double[] ri = batch.stream().mapToDouble(i -> ruleInjection[i]).toArray();
            double[] rs = batch.stream().mapToDouble(i -> ruleSafety[i]).toArray();
            List<List<LearnedGuard.Score>> scores =
                    guard.scoreAll(batch.stream().map(normalized::get).toList(), ri, rs);
            for (int b = 0; b < batch.size(); b++) {
                TrainingSet.Row row = rows.get(batch.get(b));
                boolean blocked = rules.inspect(row.text(), new PiiVault()).action() == Action.BLOCK;
                boolean encoded = false;
                for (LearnedGuard.Score s : scores.get(b)) {
                    encoded |= !s.fromGate() && s.probability() > 0;
                    blocked |= s.head().blocksAlone(row.text()) && s.fires();
                }
                if (row.benign()) {
                    benign++;
                    benignBlocked += blocked ? 1 : 0;
                    benignEncoded += encoded ? 1 : 0;
                    int[] c = bySlice.computeIfAbsent(row.slice(), x -> new int[2]);
                    c[0]++;
                    c[1] += blocked ? 1 : 0;
                }
                boolean missed = false;
                for (String label : row.labels()) {
                    int[] c = perLabel.get(label);
                    if (c == null) continue;
                    c[0]++;
                    c[1] += blocked ? 1 : 0;
                    missed |= !blocked;
                }
                if (missed || row.benign() && blocked) misses.add(missLine(row, scores.get(b)));
            }
        }
        lastCascadeMisses = misses;
        Map<String, Object> figures = new LinkedHashMap<>();
        perLabel.forEach((label, c) -> {
            figures.put(label, Map.of("rows", c[0], "recall", ratio(c[1], c[0])));
            err.printf(Locale.ROOT, "%-12s %6d %14s %20.3f%n", label, c[0], "", ratio(c[1], c[0]));
        });
        figures.put(
                "benign",
                Map.of(
                        "rows",
                        benign,
                        "blocked",
                        ratio(benignBlocked, benign),
                        "reaching_encoder",
                        ratio(benignEncoded, benign)));
        err.printf(
                Locale.ROOT,
                "%-12s %6d   blocked %.4f, sent to the encoder %.4f; all held-out texts: %d gated, %d settled by the static heads, %d encoded%n",
                "benign",
                benign,
                ratio(benignBlocked, benign),
                ratio(benignEncoded, benign),
                guard.gatedTexts() - gatedBefore,
                guard.settledTexts() - settledBefore,
                guard.encodedTexts() - encodedBefore);
        bySlice.forEach((slice, c) ->
                err.printf(Locale.ROOT, "  benign %-10s %6d   blocked %.4f%n", slice, c[0], ratio(c[1], c[0])));
        return figures;
    }

    static void writeMisses(
            GuardModel model,
            List<TrainingSet.Row> rows,
            List<float[][]> embeddings,
            double[] ruleInjection,
            double[] ruleSafety,
            int[] side,
            java.nio.file.Path file)
            throws java.io.IOException {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            if (side[i] == 0) continue;
            TrainingSet.Row row = rows.get(i);
            Map<String, Object> p = new LinkedHashMap<>();
            boolean wrong = false;
            for (Head h : model.heads()) {
                double prob = probability(h, embeddings.get(i), ruleInjection[i], ruleSafety[i]);
                p.put(h.name(), Math.round(prob * 1e4) / 1e4);
                boolean truth = row.labels().contains(h.name());
                wrong |= h.fires(prob) != truth && (truth || row.benign()) || row.benign() && prob >= 0.9;
            }
            if (!wrong) continue;
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("split", side[i] == 1 ? "calibration" : "held-out");
            line.put("labels", row.labels());
            line.put("slice", row.slice());
            line.put("p", p);
            line.put("text", row.text());
            out.append(dev.sluice.schemas.serde.Json.MAPPER.writeValueAsString(line))
                    .append('\n');
        }
        for (Map<String, Object> line : lastCascadeMisses)
            out.append(dev.sluice.schemas.serde.Json.MAPPER.writeValueAsString(line))
                    .append('\n');
        java.nio.file.Files.writeString(file, out.toString());
    }

    // The held-out rows the last cascade() got wrong (a labelled row not blocked, a benign row blocked), for --misses.
    private static List<Map<String, Object>> lastCascadeMisses = List.of();

    private static Map<String, Object> missLine(TrainingSet.Row row, List<LearnedGuard.Score> scores) {
        Map<String, Object> p = new LinkedHashMap<>();
        for (LearnedGuard.Score s : scores) p.put(s.head().name(), Math.round(s.probability() * 1e4) / 1e4);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("split", "held-out cascade");
        line.put("labels", row.labels());
        line.put("slice", row.slice());
        line.put("p", p);
        line.put("text", row.text());
        return line;
    }

    private static double ratio(int a, int b) {
        return b == 0 ? 0 : Math.round(1e4 * a / (double) b) / 1e4;
    }
}
