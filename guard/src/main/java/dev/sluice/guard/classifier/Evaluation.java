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
    private Evaluation() {
    }

    static double probability(Head head, float[][] chunks, double ruleInjection, double ruleSafety) {
        double best = 0;
        for (float[] c : chunks) best = Math.max(best, head.probability(Features.of(c, ruleInjection, ruleSafety)));
        return best;
    }

    static Map<String, Object> heldOut(GuardModel model, List<TrainingSet.Row> rows, List<float[][]> embeddings, double[] ruleInjection,
                                       double[] ruleSafety, int[] side, PrintStream err) {
        var rules = TrainCommand.rulesOnly();
        int n = rows.size();
        boolean[] rulesBlock = new boolean[n];
        boolean[] anyHead = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (side[i] != 2) continue;
            rulesBlock[i] = rules.inspect(rows.get(i).text(), new PiiVault()).action() == Action.BLOCK;
            for (Head h : model.heads()) anyHead[i] |= h.fires(probability(h, embeddings.get(i), ruleInjection[i], ruleSafety[i]));
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
        err.printf(Locale.ROOT, "%-12s %6s %14s %20s %10s%n", "held-out", "rows", "rules recall", "rules+heads recall", "precision");
        for (Head h : model.heads()) {
            int pos = 0;
            int byRules = 0;
            int byBoth = 0;
            int fired = 0;
            int firedRight = 0;
            for (int i = 0; i < n; i++) {
                if (side[i] != 2) continue;
                boolean truth = rows.get(i).labels().contains(h.name());
                boolean head = h.fires(probability(h, embeddings.get(i), ruleInjection[i], ruleSafety[i]));
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
            err.printf(Locale.ROOT, "%-12s %6d %14.3f %20.3f %10.3f%n", h.name(), pos, ratio(byRules, pos), ratio(byBoth, pos), ratio(firedRight, fired));
        }
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("rows", benign);
        b.put("rules_blocked", ratio(benignRules, benign));
        b.put("blocked", ratio(benignBoth, benign));
        figures.put("benign", b);
        err.printf(Locale.ROOT, "%-12s %6d %14.3f %20.3f   (share blocked)%n", "benign", benign, ratio(benignRules, benign), ratio(benignBoth, benign));
        return figures;
    }

    private static double ratio(int a, int b) {
        return b == 0 ? 0 : Math.round(1e4 * a / (double) b) / 1e4;
    }
}
