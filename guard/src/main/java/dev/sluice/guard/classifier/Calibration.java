package dev.sluice.guard.classifier;

import dev.sluice.guard.Action;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Joint thresholds for {@code guard train}, one benign budget per action. A head takes the action
 * its category gets by default at runtime ({@link Budget#action}): the heads whose
 * firing blocks share the block budget (a benign text blocked by any of them is blocked), the heads
 * whose firing only flags share the flag budget, and neither spends the other's: a flag costs the
 * user nothing, so it must not raise a blocking head's threshold. Within each budget the heads are
 * calibrated together on the calibration rows. Every head starts above all of its benign scores
 * (nothing blocked or flagged), never below the highest score of a benign row in a never-block
 * slice (that holds for flags too). Then, greedily, the head whose next step down recalls the
 * largest share of its own labelled rows per benign row newly caught (by no other head of its
 * budget) takes that step, as long as its budget's heads together stay within the overall limit
 * and each slice's limit, and until its calibration recall reaches the target (beyond it, a lower
 * threshold buys little recall and risks benign text unlike any calibration row). Each threshold
 * sits on a labelled row's score, as high as that recall allows. A slice with fewer than
 * {@link #MIN_SLICE} benign calibration rows is held to the overall limit only. A blocking
 * injection head is not held to rows it cannot block alone (texts of at most
 * {@link Head#SHORT_WORDS} words).
 */
final class Calibration {
    static final int MIN_SLICE = 20;
    private static final double FLOOR = 0.05;
    private static final double CEILING = 0.9999;
    private static final double EPS = 1e-6;

    private Calibration() {}

    static List<Head> thresholds(
            List<Head> heads,
            List<TrainingSet.Row> rows,
            List<float[][]> embeddings,
            double[] ruleInjection,
            double[] ruleSafety,
            int[] side,
            Budget budget,
            PrintStream err) {
        int n = rows.size();
        int h = heads.size();
        Action[] act = new Action[h];
        for (int k = 0; k < h; k++) act[k] = budget.action(heads.get(k));
        double[][] p = new double[h][n];
        boolean[][] exempt = new boolean[h][n];
        for (int i = 0; i < n; i++) {
            TrainingSet.Row row = rows.get(i);
            if (side[i] == 2) continue;
            for (int k = 0; k < h; k++) {
                if (side[i] == 1 || row.benign())
                    p[k][i] = Evaluation.probability(heads.get(k), embeddings.get(i), ruleInjection[i], ruleSafety[i]);
                exempt[k][i] = act[k] == Action.BLOCK && !heads.get(k).blocksAlone(row.text());
            }
        }
        List<String> names = heads.stream().map(Head::name).toList();
        double[][] result = calibrate(names, act, p, exempt, rows, side, budget);
        double[] t = result[0];
        // The flag tier: the blocking heads calibrated again in the wider budget; where that puts a head lower,
        // the texts between the two thresholds are flagged, not blocked.
        double[] tier = budget.tiered() ? calibrate(names, act, p, exempt, rows, side, budget.tier())[0] : null;
        List<Head> out = new ArrayList<>(h);
        for (int k = 0; k < h; k++) {
            Head x = heads.get(k);
            double flagAt = tier != null && act[k] == Action.BLOCK && tier[k] < t[k] ? tier[k] : 0;
            out.add(new Head(x.name(), x.check(), x.weights(), x.bias(), t[k], flagAt));
            err.printf(
                    Locale.ROOT,
                    "guard train: %-10s threshold %.4f (%s budget, never-block floor %.4f), calibration recall %.3f%s%n",
                    x.name(),
                    t[k],
                    act[k].wire(),
                    result[1][k],
                    recall(k, t[k], p, positives(k, names, rows, side)),
                    flagAt > 0
                            ? String.format(
                                    Locale.ROOT,
                                    "; flags from %.4f (tier recall %.3f)",
                                    flagAt,
                                    recall(k, flagAt, p, positives(k, names, rows, side)))
                            : "");
        }
        for (Action a : List.of(Action.BLOCK, Action.FLAG)) {
            boolean[] in = group(act, a);
            err.printf(
                    Locale.ROOT,
                    "guard train: benign calibration rows the %s heads together catch: %d of %d%n",
                    a.wire(),
                    caught(t, p, exempt, benign(rows, side), in),
                    benign(rows, side).size());
        }
        return out;
    }

    /**
     * The thresholds ({@code [0]}) and never-block floors ({@code [1]}) of heads {@code names} whose
     * firing takes {@code act} (BLOCK, or FLAG for any other), from their probabilities {@code p} on
     * the fit and calibration rows ({@code side} 0 and 1; held-out rows, side 2, are not read).
     * {@code exempt[k][i]}: head k cannot take its action on row i alone.
     */
    static double[][] calibrate(
            List<String> names,
            Action[] act,
            double[][] p,
            boolean[][] exempt,
            List<TrainingSet.Row> rows,
            int[] side,
            Budget budget) {
        int h = names.size();
        List<Integer> benign = benign(rows, side);
        double[] floor = new double[h];
        java.util.Arrays.fill(floor, FLOOR);
        for (int i = 0; i < rows.size(); i++) {
            if (side[i] == 2
                    || !rows.get(i).benign()
                    || !budget.never().contains(rows.get(i).slice())) continue;
            for (int k = 0; k < h; k++) if (!exempt[k][i]) floor[k] = Math.max(floor[k], p[k][i] + EPS);
        }
        double[] t = new double[h];
        List<List<Integer>> positives = new ArrayList<>();
        for (int k = 0; k < h; k++) {
            double top = 0;
            for (int i : benign) if (!exempt[k][i]) top = Math.max(top, p[k][i]);
            t[k] = Math.min(CEILING, Math.max(floor[k], top + EPS));
            positives.add(positives(k, names, rows, side));
        }
        // The budgets are apart: the heads of one action are calibrated together, as if the others did not exist.
        for (Action a : List.of(Action.BLOCK, Action.FLAG)) {
            boolean[] in = group(act, a);
            double overall = a == Action.BLOCK ? budget.overall() : budget.flagOverall();
            double perSlice = a == Action.BLOCK ? budget.perSlice() : budget.flagPerSlice();
            boolean[] done = new boolean[h];
            while (true) {
                int best = -1;
                double bestRatio = 0;
                double bestT = 0;
                int before = caught(t, p, exempt, benign, in);
                for (int k = 0; k < h; k++) {
                    if (!in[k] || done[k]) continue;
                    double now = recall(k, t[k], p, positives.get(k));
                    if (now >= budget.targetRecall()) {
                        done[k] = true;
                        continue;
                    }
                    // Every lower step up to the target recall, not only the next one: a step that blocks one
                    // benign row may open most of a head's recall, and the next step alone would not show it.
                    double chosen = -1;
                    double chosenRatio = 0;
                    for (double next : steps(k, t[k], floor[k], p, positives.get(k))) {
                        double[] trial = t.clone();
                        trial[k] = next;
                        double gain = recall(k, next, p, positives.get(k)) - now;
                        if (!fits(trial, p, exempt, rows, benign, in, overall, perSlice, budget.never())) break;
                        double ratio = gain / (caught(trial, p, exempt, benign, in) - before + 0.01);
                        if (ratio > chosenRatio) {
                            chosenRatio = ratio;
                            chosen = next;
                        }
                        if (now + gain >= budget.targetRecall()) break;
                    }
                    if (chosen < 0) {
                        done[k] = true;
                        continue;
                    }
                    if (chosenRatio > bestRatio) {
                        bestRatio = chosenRatio;
                        best = k;
                        bestT = chosen;
                    }
                }
                if (best < 0) break;
                t[best] = bestT;
            }
        }
        return new double[][] {t, floor};
    }

    /** Heads in the budget of {@code a}: BLOCK, or FLAG for every head that does not block. */
    private static boolean[] group(Action[] act, Action a) {
        boolean[] in = new boolean[act.length];
        for (int k = 0; k < act.length; k++) in[k] = (act[k] == Action.BLOCK) == (a == Action.BLOCK);
        return in;
    }

    private static List<Integer> benign(List<TrainingSet.Row> rows, int[] side) {
        List<Integer> benign = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) if (side[i] == 1 && rows.get(i).benign()) benign.add(i);
        return benign;
    }

    private static List<Integer> positives(int k, List<String> names, List<TrainingSet.Row> rows, int[] side) {
        List<Integer> pos = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++)
            if (side[i] == 1 && rows.get(i).labels().contains(names.get(k))) pos.add(i);
        return pos;
    }

    /**
     * The thresholds below {@code current} that each recall at least one more labelled row, highest
     * first: each is a labelled row's own score (as high as that recall allows, leaving the most room
     * below it to benign text the calibration rows do not show), none under the floor.
     */
    private static double[] steps(int k, double current, double floor, double[][] p, List<Integer> positives) {
        return positives.stream()
                .mapToDouble(i -> p[k][i])
                .filter(v -> v < current && v >= floor)
                .distinct()
                .boxed()
                .sorted(java.util.Comparator.reverseOrder())
                .mapToDouble(Double::doubleValue)
                .toArray();
    }

    private static double recall(int k, double t, double[][] p, List<Integer> positives) {
        int hit = 0;
        for (int i : positives) hit += p[k][i] >= t ? 1 : 0;
        return positives.isEmpty() ? 0 : hit / (double) positives.size();
    }

    private static boolean catches(double[] t, double[][] p, boolean[][] exempt, int i, boolean[] in) {
        for (int k = 0; k < t.length; k++) if (in[k] && !exempt[k][i] && p[k][i] >= t[k]) return true;
        return false;
    }

    private static int caught(double[] t, double[][] p, boolean[][] exempt, List<Integer> benign, boolean[] in) {
        int c = 0;
        for (int i : benign) c += catches(t, p, exempt, i, in) ? 1 : 0;
        return c;
    }

    private static boolean fits(
            double[] t,
            double[][] p,
            boolean[][] exempt,
            List<TrainingSet.Row> rows,
            List<Integer> benign,
            boolean[] in,
            double overall,
            double perSlice,
            java.util.Set<String> never) {
        int caught = 0;
        Map<String, int[]> slices = new TreeMap<>();
        for (int i : benign) {
            boolean any = catches(t, p, exempt, i, in);
            caught += any ? 1 : 0;
            int[] c = slices.computeIfAbsent(rows.get(i).slice(), x -> new int[2]);
            c[0]++;
            c[1] += any ? 1 : 0;
        }
        if (caught > overall * benign.size()) return false;
        for (Map.Entry<String, int[]> e : slices.entrySet()) {
            int[] c = e.getValue();
            if (never.contains(e.getKey()) && c[1] > 0) return false;
            if (!e.getKey().isEmpty() && c[0] >= MIN_SLICE && c[1] > perSlice * c[0]) return false;
        }
        return true;
    }
}
