package dev.sluice.guard;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Precision/recall/F1 per label for the offline CLI. A label is a negative class when it reads
 * like "benign", "safe" or "no_pii"; everything else is positive. A PII label ("pii", "has_pii")
 * is predicted from the masked entities, any other label from the action (flag or block).
 */
final class LabelSummary {
    private static final Set<String> NEGATIVE = Set.of(
            "benign",
            "safe",
            "clean",
            "allow",
            "allowed",
            "none",
            "negative",
            "ok",
            "legit",
            "legitimate",
            "normal",
            "0",
            "false",
            "no");

    private record Counts(int tp, int fp, int fn, int tn) {
        Counts add(boolean truth, boolean predicted) {
            return new Counts(
                    tp + (truth && predicted ? 1 : 0),
                    fp + (!truth && predicted ? 1 : 0),
                    fn + (truth && !predicted ? 1 : 0),
                    tn + (!truth && !predicted ? 1 : 0));
        }
    }

    private final Map<String, Counts> piiTask = new TreeMap<>();
    private final Map<String, Counts> actionTask = new TreeMap<>();
    private boolean piiLabels;

    static boolean negative(String label) {
        String l = label.toLowerCase(Locale.ROOT);
        return NEGATIVE.contains(l) || l.startsWith("no_") || l.startsWith("non_") || l.startsWith("not_");
    }

    static boolean piiLabel(String label) {
        return label.toLowerCase(Locale.ROOT).contains("pii");
    }

    void add(String label, GuardVerdict verdict) {
        boolean pii = piiLabel(label);
        piiLabels |= pii;
        boolean predicted = pii ? !verdict.entities().isEmpty() : verdict.action() != Action.ALLOW;
        Map<String, Counts> task = pii ? piiTask : actionTask;
        task.merge(
                label,
                new Counts(0, 0, 0, 0).add(!negative(label), predicted),
                (a, b) -> a.add(!negative(label), predicted));
    }

    boolean isEmpty() {
        return piiTask.isEmpty() && actionTask.isEmpty();
    }

    void print(PrintStream err) {
        print(err, "entities", piiTask);
        print(err, "action", actionTask);
    }

    private static void print(PrintStream err, String basis, Map<String, Counts> task) {
        if (task.isEmpty()) {
            return;
        }
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int tn = 0;
        for (Counts c : task.values()) {
            tp += c.tp;
            fp += c.fp;
            fn += c.fn;
            tn += c.tn;
        }
        for (String label : task.keySet()) {
            int n = task.get(label).tp + task.get(label).fn + task.get(label).fp + task.get(label).tn;
            // For the positive class: TP/FP/FN as counted; for a negative class the roles swap.
            double p;
            double r;
            if (negative(label)) {
                p = ratio(tn, tn + fn);
                r = ratio(tn, tn + fp);
            } else {
                p = ratio(tp, tp + fp);
                r = ratio(tp, tp + fn);
            }
            double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
            err.printf(
                    Locale.ROOT,
                    "label=%s n=%d precision=%.3f recall=%.3f f1=%.3f (predicted from %s)%n",
                    label,
                    n,
                    p,
                    r,
                    f1,
                    basis);
        }
    }

    private static double ratio(int a, int b) {
        return b == 0 ? 0 : (double) a / b;
    }
}
