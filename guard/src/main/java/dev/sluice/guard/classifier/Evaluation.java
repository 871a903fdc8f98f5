package dev.sluice.guard.classifier;

import dev.sluice.guard.Action;
import dev.sluice.guard.pii.PiiVault;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Held-out figures for {@code guard train}: per label, recall on its rows (the rules block it, or
 * the label's head fires, whether its firing blocks or flags) and the share of benign rows blocked
 * (the rules, or a head whose firing blocks) and flagged (not blocked, but a head whose firing only
 * flags fires), for the rules alone (the shipped pipeline without heads) and for rules plus heads.
 * Which heads block: {@code action} (the action each was calibrated for).
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
            Function<Head, Action> action,
            PrintStream err) {
        var rules = TrainCommand.rulesOnly();
        int n = rows.size();
        boolean[] rulesBlock = new boolean[n];
        boolean[] anyHead = new boolean[n];
        boolean[] anyFlag = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (side[i] != 2) continue;
            rulesBlock[i] = rules.inspect(rows.get(i).text(), new PiiVault()).action() == Action.BLOCK;
            for (Head h : model.heads()) {
                double pi = probability(h, embeddings.get(i), ruleInjection[i], ruleSafety[i]);
                boolean fires = h.fires(pi);
                if (action.apply(h) == Action.BLOCK) {
                    boolean alone = h.blocksAlone(rows.get(i).text());
                    anyHead[i] |= alone && fires;
                    anyFlag[i] |= (!alone && fires) || h.flags(pi);
                } else anyFlag[i] |= fires;
            }
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        int benign = 0;
        int benignRules = 0;
        int benignBoth = 0;
        int benignFlagged = 0;
        for (int i = 0; i < n; i++) {
            if (side[i] != 2 || !rows.get(i).benign()) continue;
            benign++;
            benignRules += rulesBlock[i] ? 1 : 0;
            benignBoth += rulesBlock[i] || anyHead[i] ? 1 : 0;
            benignFlagged += !(rulesBlock[i] || anyHead[i]) && anyFlag[i] ? 1 : 0;
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
                // Caught by the head: it fires (and may take its action on this text), or its flag tier flags it.
                double pi = probability(h, embeddings.get(i), ruleInjection[i], ruleSafety[i]);
                boolean head = action.apply(h) == Action.BLOCK ? h.catches(pi) : h.fires(pi);
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
        b.put("flagged", ratio(benignFlagged, benign));
        figures.put("benign", b);
        err.printf(
                Locale.ROOT,
                "%-12s %6d %14.3f %20.3f   (share blocked; %.3f flagged)%n",
                "benign",
                benign,
                ratio(benignRules, benign),
                ratio(benignBoth, benign),
                ratio(benignFlagged, benign));
        // Benign blocked per slice (short chat, edgy, trigger words, ...): where false blocks hurt.
        Map<String, int[]> slices = new java.util.TreeMap<>();
        for (int i = 0; i < n; i++) {
            if (side[i] != 2 || !rows.get(i).benign() || rows.get(i).slice().isEmpty()) continue;
            int[] c = slices.computeIfAbsent(rows.get(i).slice(), x -> new int[4]);
            c[0]++;
            c[1] += rulesBlock[i] ? 1 : 0;
            c[2] += rulesBlock[i] || anyHead[i] ? 1 : 0;
            c[3] += !(rulesBlock[i] || anyHead[i]) && anyFlag[i] ? 1 : 0;
        }
        Map<String, Object> bySlice = new LinkedHashMap<>();
        slices.forEach((slice, c) -> {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("rows", c[0]);
            f.put("rules_blocked", ratio(c[1], c[0]));
            f.put("blocked", ratio(c[2], c[0]));
            f.put("flagged", ratio(c[3], c[0]));
            bySlice.put(slice, f);
            err.printf(
                    Locale.ROOT,
                    "  benign %-10s %6d %12.3f %20.3f   (share blocked; %.3f flagged)%n",
                    slice,
                    c[0],
                    ratio(c[1], c[0]),
                    ratio(c[2], c[0]),
                    ratio(c[3], c[0]));
        });
        if (!bySlice.isEmpty()) figures.put("benign_slices", bySlice);
        return figures;
    }

    /**
     * Held-out figures of the model as it runs ({@link LearnedGuard#scoreAll}: the gate, then the
     * encoder on the selected window): recall per label with the rules (blocked or flagged), benign
     * rows blocked and flagged (overall and per slice), and the share of benign rows the gate sent
     * to the encoder.
     */
    static Map<String, Object> cascade(
            LearnedGuard guard,
            List<TrainingSet.Row> rows,
            List<String> normalized,
            double[] ruleInjection,
            double[] ruleSafety,
            int[] side,
            Function<Head, Action> action,
            List<Map<String, Object>> misses,
            PrintStream err) {
        var rules = TrainCommand.rulesOnly();
        List<Integer> held = new java.util.ArrayList<>();
        for (int i = 0; i < rows.size(); i++) if (side[i] == 2) held.add(i);
        Map<String, int[]> perLabel = new LinkedHashMap<>();
        for (Head h : guard.model().heads()) perLabel.put(h.name(), new int[2]);
        int benign = 0;
        int benignBlocked = 0;
        int benignFlagged = 0;
        long gatedBefore = guard.gatedTexts();
        long encodedBefore = guard.encodedTexts();
        long settledBefore = guard.settledTexts();
        int benignEncoded = 0;
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
                boolean flagged = false;
                for (LearnedGuard.Score s : scores.get(b)) {
                    encoded |= !s.fromGate() && s.probability() > 0;
                    if (action.apply(s.head()) == Action.BLOCK) {
                        boolean alone = s.head().blocksAlone(row.text());
                        blocked |= alone && s.fires();
                        flagged |= (!alone && s.fires()) || s.flags();
                    } else flagged |= s.fires();
                }
                flagged &= !blocked;
                if (row.benign()) {
                    benign++;
                    benignBlocked += blocked ? 1 : 0;
                    benignFlagged += flagged ? 1 : 0;
                    benignEncoded += encoded ? 1 : 0;
                    int[] c = bySlice.computeIfAbsent(row.slice(), x -> new int[3]);
                    c[0]++;
                    c[1] += blocked ? 1 : 0;
                    c[2] += flagged ? 1 : 0;
                }
                boolean missed = false;
                for (String label : row.labels()) {
                    int[] c = perLabel.get(label);
                    if (c == null) continue;
                    c[0]++;
                    c[1] += blocked || flagged ? 1 : 0;
                    missed |= !(blocked || flagged);
                }
                if (missed || row.benign() && (blocked || flagged))
                    misses.add(Misses.line(row, scores.get(b), blocked ? "block" : flagged ? "flag" : ""));
            }
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        perLabel.forEach((label, c) -> {
            figures.put(label, ordered("rows", c[0], "recall", ratio(c[1], c[0])));
            err.printf(Locale.ROOT, "%-12s %6d %14s %20.3f%n", label, c[0], "", ratio(c[1], c[0]));
        });
        figures.put(
                "benign",
                ordered(
                        "rows",
                        benign,
                        "blocked",
                        ratio(benignBlocked, benign),
                        "flagged",
                        ratio(benignFlagged, benign),
                        "reaching_encoder",
                        ratio(benignEncoded, benign)));
        err.printf(
                Locale.ROOT,
                "%-12s %6d   blocked %.4f, flagged %.4f, sent to the encoder %.4f; all held-out texts: %d gated, %d settled by the static heads, %d encoded%n",
                "benign",
                benign,
                ratio(benignBlocked, benign),
                ratio(benignFlagged, benign),
                ratio(benignEncoded, benign),
                guard.gatedTexts() - gatedBefore,
                guard.settledTexts() - settledBefore,
                guard.encodedTexts() - encodedBefore);
        Map<String, Object> slices = new LinkedHashMap<>();
        bySlice.forEach((slice, c) -> {
            slices.put(slice, ordered("rows", c[0], "blocked", ratio(c[1], c[0]), "flagged", ratio(c[2], c[0])));
            err.printf(
                    Locale.ROOT,
                    "  benign %-10s %6d   blocked %.4f, flagged %.4f%n",
                    slice,
                    c[0],
                    ratio(c[1], c[0]),
                    ratio(c[2], c[0]));
        });
        figures.put("benign_slices", slices);
        return figures;
    }

    private static double ratio(int a, int b) {
        return b == 0 ? 0 : Math.round(1e4 * a / (double) b) / 1e4;
    }

    /** Keys and values in the order given: the model file is written in it (Map.of's order changes per JVM). */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return m;
    }
}
