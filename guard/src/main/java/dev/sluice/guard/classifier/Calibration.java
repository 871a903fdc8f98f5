package dev.sluice.guard.classifier;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Joint thresholds for {@code guard train}. A benign text blocked by any head is blocked, so the
 * heads are calibrated together on the calibration rows. Every head starts above all of its benign
 * scores (nothing blocked), never below the highest score of a benign row in a never-block slice.
 * Then, greedily, the head whose next step down recalls the largest share of its own labelled rows
 * per benign row newly blocked (by no other head) takes that step, as long as all heads together
 * stay within the overall budget and each slice's budget, and until its calibration recall
 * reaches the target (beyond it, a lower threshold buys little recall and risks benign text
 * unlike any calibration row). Each threshold sits on a labelled row's score, as high as that
 * recall allows. A slice with fewer than
 * {@link #MIN_SLICE} benign calibration rows is held to the overall budget only. The injection
 * head is not held to rows it cannot block alone (texts of at most {@link Head#SHORT_WORDS} words).
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
            TrainCommand.Budget budget,
            PrintStream err) {
        int n = rows.size();
        int h = heads.size();
        List<Integer> benign = new ArrayList<>();
        double[] floor = new double[h];
        java.util.Arrays.fill(floor, FLOOR);
        double[][] p = new double[h][n];
        boolean[][] exempt = new boolean[h][n];
        for (int i = 0; i < n; i++) {
            TrainingSet.Row row = rows.get(i);
            if (side[i] == 2) continue;
            for (int k = 0; k < h; k++) {
                if (side[i] == 1 || row.benign())
                    p[k][i] = Evaluation.probability(heads.get(k), embeddings.get(i), ruleInjection[i], ruleSafety[i]);
                exempt[k][i] = !heads.get(k).blocksAlone(row.text());
            }
            if (!row.benign()) continue;
            if (side[i] == 1) benign.add(i);
            if (budget.never().contains(row.slice())) {
                for (int k = 0; k < h; k++) if (!exempt[k][i]) floor[k] = Math.max(floor[k], p[k][i] + EPS);
            }
        }
        double[] t = new double[h];
        List<List<Integer>> positives = new ArrayList<>();
        for (int k = 0; k < h; k++) {
            double top = 0;
            for (int i : benign) if (!exempt[k][i]) top = Math.max(top, p[k][i]);
            t[k] = Math.min(CEILING, Math.max(floor[k], top + EPS));
            List<Integer> pos = new ArrayList<>();
            for (int i = 0; i < n; i++)
                if (side[i] == 1 && rows.get(i).labels().contains(heads.get(k).name())) pos.add(i);
            positives.add(pos);
        }
        boolean[] done = new boolean[h];
        while (true) {
            int best = -1;
            double bestRatio = 0;
            double bestT = 0;
            int before = blocked(t, p, exempt, benign);
            for (int k = 0; k < h; k++) {
                if (done[k]) continue;
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
                    if (!fits(trial, p, exempt, rows, benign, budget)) break;
                    double ratio = gain / (blocked(trial, p, exempt, benign) - before + 0.01);
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
        List<Head> out = new ArrayList<>(h);
        for (int k = 0; k < h; k++) {
            Head x = heads.get(k);
            out.add(new Head(x.name(), x.check(), x.weights(), x.bias(), t[k]));
            err.printf(
                    Locale.ROOT,
                    "guard train: %-10s threshold %.4f (never-block floor %.4f), calibration recall %.3f%n",
                    x.name(),
                    t[k],
                    floor[k],
                    recall(k, t[k], p, positives.get(k)));
        }
        err.printf(
                Locale.ROOT,
                "guard train: benign calibration rows blocked by the heads together: %d of %d%n",
                blocked(t, p, exempt, benign),
                benign.size());
        return out;
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

    private static boolean blocks(double[] t, double[][] p, boolean[][] exempt, int i) {
        for (int k = 0; k < t.length; k++) if (!exempt[k][i] && p[k][i] >= t[k]) return true;
        return false;
    }

    private static int blocked(double[] t, double[][] p, boolean[][] exempt, List<Integer> benign) {
        int c = 0;
        for (int i : benign) c += blocks(t, p, exempt, i) ? 1 : 0;
        return c;
    }

    private static boolean fits(
            double[] t,
            double[][] p,
            boolean[][] exempt,
            List<TrainingSet.Row> rows,
            List<Integer> benign,
            TrainCommand.Budget budget) {
        int blocked = 0;
        Map<String, int[]> slices = new TreeMap<>();
        for (int i : benign) {
            boolean any = blocks(t, p, exempt, i);
            blocked += any ? 1 : 0;
            int[] c = slices.computeIfAbsent(rows.get(i).slice(), x -> new int[2]);
            c[0]++;
            c[1] += any ? 1 : 0;
        }
        if (blocked > budget.overall() * benign.size()) return false;
        for (Map.Entry<String, int[]> e : slices.entrySet()) {
            int[] c = e.getValue();
            if (budget.never().contains(e.getKey()) && c[1] > 0) return false;
            if (!e.getKey().isEmpty() && c[0] >= MIN_SLICE && c[1] > budget.perSlice() * c[0]) return false;
        }
        return true;
    }
}
