package dev.sluice.guard.classifier;

import dev.sluice.guard.GuardConfig;
import dev.sluice.guard.GuardPipeline;
import dev.sluice.guard.injection.RuleBasedInjectionClassifier;
import dev.sluice.guard.normalize.Inspection;
import dev.sluice.guard.safety.SafetyClassifier;
import dev.sluice.guard.safety.SafetyHit;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code sluice guard train DATA.jsonl --out FILE [--seed 7] [--holdout 0.2] [--max-false-block 0.005]
 * [--max-slice-block 0.01] [--max-false-flag 0.02] [--max-slice-flag 0.04] [--never-block short,ids]
 * [--target-recall 0.95] [--hard-negatives 3] [--flag-tier 0.01,0.02] [--actions self_harm=flag,crime=flag,...]
 * [--embeddings CACHE] [--misses FILE]}: one
 * logistic head per label on sentence embeddings plus the rule scores. Rows are split by group into
 * fit (64%), calibration (16%) and held-out (20%) with the seed. Thresholds ({@link Calibration}):
 * a head calibrates for the action its firing takes at runtime ({@link GuardConfig#headAction},
 * the guard's defaults unless {@code --actions} names others, {@code category=block|flag|allow},
 * {@code injection=...} for the injection head); the blocking heads together block at most
 * {@code max-false-block} of the benign calibration rows and at most {@code max-slice-block} of
 * each slice's (rows carry an optional {@code "slice"}), the flagging heads together flag at most
 * {@code max-false-flag} and {@code max-slice-flag}, and no head fires on a benign row of a
 * {@code never-block} slice (fit and calibration). The held-out figures (per label, and benign
 * blocked and flagged per slice) are printed and kept in the file's provenance with the action
 * each head was calibrated for ({@code calibrated_for}). A blocking head also gets a flag tier
 * ({@code --flag-tier}, {@link Head#flags}): calibrated again as if the block budget were that wide, it
 * flags the texts between the two thresholds instead of blocking them. Benign rows of the edgy and
 * trigger slices count {@code --hard-negatives} times in the heads' loss. Deterministic for a given file and seed.
 * {@code --embeddings} keeps the embeddings in a file between runs (keyed by text).
 */
public final class TrainCommand {
    private static final int BATCH = 16;

    private TrainCommand() {}

    public static int run(String[] args, PrintStream out, PrintStream err) {
        TrainOptions o;
        try {
            o = TrainOptions.parse(args, err);
            if (o == null) return 0;
        } catch (RuntimeException e) {
            err.println("guard train: bad arguments: " + e.getMessage());
            return 2;
        }
        try {
            TrainingSet set = TrainingSet.read(o.data());
            try (SentenceEncoder encoder = SentenceEncoder.load()) {
                Path cache = o.cache();
                EmbeddingCache embeddings = cache == null ? EmbeddingCache.none() : EmbeddingCache.read(cache);
                Trained trained =
                        train(set, encoder, embeddings, o.seed(), o.holdout(), o.budget(), o.hardNegatives(), err);
                GuardModel model = trained.model();
                if (cache != null) embeddings.write(cache);
                Path misses = o.misses();
                if (misses != null) Misses.write(trained, set.rows(), misses);
                model.write(o.target());
                Object report = model.provenance().get("holdout");
                out.println("wrote " + o.target() + " (" + model.heads().size() + " heads); held-out: " + report);
            }
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            err.println("guard train: " + e.getMessage());
            return 2;
        }
    }

    /**
     * A trained model with what training saw of every row ({@code side}: 0 fit, 1 calibration, 2 held-out), for
     * {@code --misses}.
     */
    record Trained(
            GuardModel model,
            List<float[][]> embeddings,
            double[] ruleInjection,
            double[] ruleSafety,
            int[] side,
            List<Map<String, Object>> cascadeMisses) {}

    static GuardModel train(
            TrainingSet set,
            SentenceEncoder encoder,
            long seed,
            double holdout,
            double maxFalseBlock,
            PrintStream err) {
        return train(
                        set,
                        encoder,
                        EmbeddingCache.none(),
                        seed,
                        holdout,
                        new Budget(
                                maxFalseBlock,
                                2 * maxFalseBlock,
                                2 * maxFalseBlock,
                                4 * maxFalseBlock,
                                Set.of(),
                                1.0,
                                GuardConfig.defaults()),
                        1,
                        err)
                .model();
    }

    /**
     * Benign rows of the {@link #HARD_NEGATIVE_SLICES} count {@code hardNegatives} times in every head's loss: they
     * are the text a head most easily takes for an attack (a thriller with a bomb in it, a question about the
     * history of a hate movement), and a false block there costs a user more than one on chat that no head
     * comes near. The classes still count equally.
     */
    static double[] hardNegativeWeights(List<TrainingSet.Row> rows, double hardNegatives) {
        if (!(hardNegatives >= 1)) throw new IllegalArgumentException("--hard-negatives must be at least 1");
        double[] w = new double[rows.size()];
        for (int i = 0; i < w.length; i++) {
            TrainingSet.Row r = rows.get(i);
            w[i] = r.labels().isEmpty() && HARD_NEGATIVE_SLICES.contains(r.slice()) ? hardNegatives : 1;
        }
        return w;
    }

    /** The slices whose benign rows {@code --hard-negatives} weighs. */
    static final Set<String> HARD_NEGATIVE_SLICES = Set.of("edgy", "trigger");

    static Trained train(
            TrainingSet set,
            SentenceEncoder encoder,
            EmbeddingCache cache,
            long seed,
            double holdout,
            Budget budget,
            double hardNegatives,
            PrintStream err) {
        List<TrainingSet.Row> rows = set.rows();
        int n = rows.size();
        double[] ruleInjection = new double[n];
        double[] ruleSafety = new double[n];
        List<float[][]> embeddings = new ArrayList<>(n);
        List<String> normalized = new ArrayList<>(n);
        RuleBasedInjectionClassifier injectionRules = new RuleBasedInjectionClassifier();
        SafetyClassifier safetyRules = new SafetyClassifier();
        long started = System.nanoTime();
        for (int from = 0; from < n; from += BATCH) {
            List<String> texts = new ArrayList<>();
            for (int i = from; i < Math.min(n, from + BATCH); i++) {
                Inspection inspection = Inspection.of(rows.get(i).text());
                var signals = injectionRules.classify(inspection);
                ruleInjection[i] = signals.isEmpty() ? 0 : RuleBasedInjectionClassifier.combine(signals);
                ruleSafety[i] = safetyRules.classify(inspection).stream()
                        .map(SafetyHit::reason)
                        .mapToDouble(r -> r.score())
                        .max()
                        .orElse(0);
                texts.add(inspection.normalized().text());
            }
            normalized.addAll(texts);
            embeddings.addAll(cache.embed(texts, encoder));
            if ((from / BATCH) % 50 == 0)
                err.printf(Locale.ROOT, "guard train: embedded %d/%d rows%n", Math.min(n, from + BATCH), n);
        }
        err.printf(Locale.ROOT, "guard train: embedding took %.1f s%n", (System.nanoTime() - started) / 1e9);
        // Split by group: fit | calibration | held-out.
        int[] side = new int[n];
        for (int i = 0; i < n; i++) {
            double b = TrainingSet.bucket(rows.get(i).group(), seed);
            side[i] = b < holdout ? 2 : b < holdout + (1 - holdout) * 0.2 ? 1 : 0;
        }
        double[] rowWeight = hardNegativeWeights(rows, hardNegatives);
        List<Head> unthresholded = new ArrayList<>();
        for (String label : set.labels()) {
            unthresholded.add(fitHead(label, rows, embeddings, ruleInjection, ruleSafety, side, rowWeight, seed));
        }
        List<Head> heads =
                Calibration.thresholds(unthresholded, rows, embeddings, ruleInjection, ruleSafety, side, budget, err);
        List<long[]> ids = normalized.stream().map(encoder::tokens).toList();
        Gate gate = Gate.fit(
                rows,
                ids,
                StaticEmbeddings.shared(encoder),
                heads,
                embeddings,
                ruleInjection,
                ruleSafety,
                side,
                rowWeight,
                seed,
                err);
        GuardModel provisional = new GuardModel(SentenceEncoder.NAME, heads, Map.of(), gate);
        err.println("guard train: held-out figures of the encoder heads on every text (no gate):");
        Map<String, Object> figures =
                Evaluation.heldOut(provisional, rows, embeddings, ruleInjection, ruleSafety, side, budget::action, err);
        err.println("guard train: held-out figures of the cascade (gate, then the encoder on the selected window):");
        List<Map<String, Object>> cascadeMisses = new java.util.ArrayList<>();
        Map<String, Object> cascade = Evaluation.cascade(
                new LearnedGuard(encoder, provisional),
                rows,
                normalized,
                ruleInjection,
                ruleSafety,
                side,
                budget::action,
                cascadeMisses,
                err);
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("seed", seed);
        provenance.put("rows", n);
        provenance.put("max_false_block", budget.overall());
        provenance.put("max_slice_block", budget.perSlice());
        provenance.put("never_block", new java.util.TreeSet<>(budget.never()));
        provenance.put("target_recall", budget.targetRecall());
        provenance.put("hard_negatives", hardNegatives);
        if (budget.tiered()) {
            provenance.put("flag_tier_false_block", budget.tierOverall());
            provenance.put("flag_tier_slice_block", budget.tierPerSlice());
        }
        provenance.put("max_false_flag", budget.flagOverall());
        provenance.put("max_slice_flag", budget.flagPerSlice());
        Map<String, Object> calibratedFor = new LinkedHashMap<>();
        for (Head h : heads) calibratedFor.put(h.name(), budget.action(h).wire());
        provenance.put("calibrated_for", calibratedFor);
        provenance.put("holdout", figures);
        provenance.put("holdout_cascade", cascade);
        return new Trained(
                new GuardModel(SentenceEncoder.NAME, heads, provenance, gate),
                embeddings,
                ruleInjection,
                ruleSafety,
                side,
                cascadeMisses);
    }

    static Head fitHead(
            String label,
            List<TrainingSet.Row> rows,
            List<float[][]> embeddings,
            double[] ruleInjection,
            double[] ruleSafety,
            int[] side,
            double[] rowWeight,
            long seed) {
        List<double[]> x = new ArrayList<>();
        List<Boolean> y = new ArrayList<>();
        List<Double> weight = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (side[i] != 0) continue;
            for (float[] chunk : embeddings.get(i)) {
                x.add(Features.of(chunk, ruleInjection[i], ruleSafety[i]));
                y.add(rows.get(i).labels().contains(label));
                weight.add(rowWeight[i]);
            }
        }
        boolean[] yy = new boolean[y.size()];
        double[] ww = new double[y.size()];
        boolean weighted = false;
        for (int i = 0; i < yy.length; i++) {
            yy[i] = y.get(i);
            ww[i] = weight.get(i);
            weighted |= ww[i] != 1;
        }
        double[] w =
                new LogisticRegression(1e-4, 400, 0.05).fit(x.toArray(double[][]::new), yy, weighted ? ww : null, seed);
        String check = label.equals("injection") || label.equals("jailbreak") ? "injection" : "safety";
        return new Head(label, check, Arrays.copyOf(w, w.length - 1), w[w.length - 1], 0.5);
    }

    /** The rules-only pipeline used as the baseline in the held-out figures. */
    static GuardPipeline rulesOnly() {
        return new GuardPipeline(GuardConfig.defaults());
    }
}
