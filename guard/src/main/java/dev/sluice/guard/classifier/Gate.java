package dev.sluice.guard.classifier;

import dev.sluice.schemas.serde.Json;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The cheap first stage of the learned layer. One logistic head per label over
 * {@link StaticEmbeddings} (plus the rule scores) reads every window of {@link #window} tokens of a
 * text (half-overlapping); its threshold here is a <em>gate</em>: {@link #MARGIN} times the static score
 * below which only 1 % ({@link #KEEP}) of the training or calibration rows of that label the encoder head catches
 * fall. A text no gate opens for skips the encoder (most benign text: on the held-out split ~78% of it); otherwise the encoder
 * reads the one window that scored highest against its gate (the whole text when it is no longer
 * than a window), so its cost is bounded by {@link #window} tokens whatever the prompt's length.
 * Token weights are smooth inverse frequency ({@code a / (a + p(token))}, a = 1e-3) counted on the
 * fit rows, so "the" and "," weigh little. A static head whose score reaches its {@code firesAt}
 * also fires alone, beside the encoder head ({@link #firing}); when every head whose gate opens
 * fires alone, the text is {@link #settled} and skips the encoder too.
 */
public record Gate(float[] tokenWeights, List<Head> heads, int window, double[] firesAt) {
    public static final int WINDOW = 96;
    /** Each gate's fraction of the static score its encoder head's catches reach (1.0 lost eval attacks; DATA.md). */
    static final double MARGIN = 0.75;
    /** The share of its encoder head's catches a gate lets through (1 until 2026-12-08; DATA.md). */
    static final double KEEP = 0.99;

    private static final double SIF_A = 1e-3;

    /**
     * A static head also fires by itself (beside the encoder) at its {@code firesAt}: the score only
     * one benign calibration row in a thousand reaches (and above every short or id-carrying benign
     * row); 1 or more: never.
     */
    static final double FIRES_QUANTILE = 0.999;

    public Gate {
        tokenWeights = tokenWeights.clone();
        heads = List.copyOf(heads);
        firesAt = firesAt.clone();
        if (firesAt.length != heads.size())
            throw new IllegalArgumentException(
                    "gate: " + firesAt.length + " firing thresholds for " + heads.size() + " heads");
        if (window < 8) throw new IllegalArgumentException("gate window must be at least 8 tokens, got " + window);
    }

    /** Where the encoder looks: token range {@code [from, to)} of the text. */
    public record Selection(int from, int to) {}

    /** Window starts: one window for a text that fits, else every half window, the last one ending at the text's end. */
    static int[] starts(int length, int window) {
        if (length <= window) return new int[] {0};
        int stride = window / 2;
        List<Integer> out = new ArrayList<>();
        for (int s = 0; s + window < length; s += stride) out.add(s);
        out.add(length - window);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Each head's static probability per window of {@code ids}. */
    double[][] probabilities(StaticEmbeddings statics, long[] ids, double ruleInjection, double ruleSafety) {
        int[] starts = starts(ids.length, window);
        float[][] vectors = statics.embed(ids, starts, window, tokenWeights);
        double[][] p = new double[heads.size()][vectors.length];
        for (int w = 0; w < vectors.length; w++) {
            double[] x = Features.of(vectors[w], ruleInjection, ruleSafety);
            for (int k = 0; k < heads.size(); k++) p[k][w] = heads.get(k).probability(x);
        }
        return p;
    }

    /**
     * What the gate concluded for one text: the window the encoder should read (null when no gate
     * opens and the text skips the encoder), and each static head's highest probability over the windows.
     */
    public record Decision(@Nullable Selection selection, double[] staticProbability) {}

    public Decision decide(StaticEmbeddings statics, long[] ids, double ruleInjection, double ruleSafety) {
        double[][] p = probabilities(statics, ids, ruleInjection, ruleSafety);
        double[] max = new double[heads.size()];
        for (int k = 0; k < max.length; k++) for (double x : p[k]) max[k] = Math.max(max[k], x);
        return new Decision(select(p, ids.length), max);
    }

    /**
     * Whether the static heads have already decided a text the gate opened for: every head whose
     * gate opens fires alone ({@code staticProbability} as {@link Decision} gives it). The encoder
     * would then only confirm labels that fire anyway (heads whose gate stays shut score 0, as
     * for a text no gate opens for), so it is skipped: most attacks cost the gate alone.
     */
    public boolean settled(double[] staticProbability) {
        boolean open = false;
        for (int k = 0; k < heads.size(); k++) {
            if (staticProbability[k] < heads.get(k).threshold()) continue;
            open = true;
            if (firesAt[k] >= 0.9999 || staticProbability[k] < firesAt[k]) return false;
        }
        return open;
    }

    /** The static head {@code k} as a head that fires at its {@code firesAt}, or null when it never fires alone. */
    public @Nullable Head firing(int k) {
        Head h = heads.get(k);
        return firesAt[k] < 0.9999 ? new Head(h.name(), h.check(), h.weights(), h.bias(), firesAt[k]) : null;
    }

    /** The window the encoder should read, or null when no head's gate opens (the text skips the encoder). */
    public @Nullable Selection select(StaticEmbeddings statics, long[] ids, double ruleInjection, double ruleSafety) {
        return select(probabilities(statics, ids, ruleInjection, ruleSafety), ids.length);
    }

    private @Nullable Selection select(double[][] p, int length) {
        int[] starts = starts(length, window);
        double best = 0;
        int at = 0;
        for (int k = 0; k < heads.size(); k++) {
            for (int w = 0; w < starts.length; w++) {
                double open = p[k][w] / heads.get(k).threshold();
                if (open > best) {
                    best = open;
                    at = w;
                }
            }
        }
        if (best < 1) return null;
        return new Selection(starts[at], Math.min(length, starts[at] + window));
    }

    /** Smooth inverse frequency of each token in {@code texts}, add-one smoothed. */
    static float[] tokenWeights(List<long[]> texts, int vocab) {
        long[] count = new long[vocab];
        long total = 0;
        for (long[] ids : texts) {
            for (long id : ids) {
                if (id >= 0 && id < vocab) {
                    count[(int) id]++;
                    total++;
                }
            }
        }
        float[] w = new float[vocab];
        for (int v = 0; v < vocab; v++) {
            double p = (count[v] + 1.0) / (total + vocab);
            w[v] = quantize(SIF_A / (SIF_A + p));
        }
        return w;
    }

    /** Weights are stored as one byte each (the model file stays ~40 KB larger); training uses the stored values. */
    private static float quantize(double w) {
        return Math.round(Math.max(0, Math.min(1, w)) * 255) / 255f;
    }

    /**
     * Fits the static heads on the fit rows' windows and sets each gate at the lowest static
     * score of a fit or calibration row of its label that the encoder head {@code encoderHeads}
     * catches (so none of those is lost to the gate), floored at 0.001.
     */
    static Gate fit(
            List<TrainingSet.Row> rows,
            List<long[]> ids,
            StaticEmbeddings statics,
            List<Head> encoderHeads,
            List<float[][]> embeddings,
            double[] ruleInjection,
            double[] ruleSafety,
            int[] side,
            double[] rowWeight,
            long seed,
            PrintStream err) {
        List<long[]> fitIds = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) if (side[i] == 0) fitIds.add(ids.get(i));
        float[] weights = tokenWeights(fitIds, statics.vocabularySize());
        List<float[][]> windows = new ArrayList<>(rows.size());
        for (long[] t : ids) windows.add(statics.embed(t, starts(t.length, WINDOW), WINDOW, weights));
        List<Head> gated = new ArrayList<>();
        double[] firesAt = new double[encoderHeads.size()];
        for (Head encoderHead : encoderHeads) {
            Head unthresholded = TrainCommand.fitHead(
                    encoderHead.name(), rows, windows, ruleInjection, ruleSafety, side, rowWeight, seed);
            List<Double> caught = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (side[i] == 2 || !rows.get(i).labels().contains(encoderHead.name())) continue;
                // Its flag tier too: a text the head would flag must not be lost to the gate either.
                if (!encoderHead.catches(
                        Evaluation.probability(encoderHead, embeddings.get(i), ruleInjection[i], ruleSafety[i])))
                    continue;
                caught.add(Evaluation.probability(unthresholded, windows.get(i), ruleInjection[i], ruleSafety[i]));
            }
            int kept = caught.size();
            caught.sort(null);
            double gate = caught.isEmpty() ? 1 : caught.get((int) Math.floor((1 - KEEP) * (kept - 1)));
            gate = Math.max(0.001, Math.min(0.999, MARGIN * gate));
            err.printf(
                    Locale.ROOT,
                    "guard train: %-10s gate %.4f (3/4 of the static score 99%% of %d rows the encoder head catches reach)%n",
                    encoderHead.name(),
                    gate,
                    kept);
            gated.add(new Head(
                    unthresholded.name(), unthresholded.check(), unthresholded.weights(), unthresholded.bias(), gate));
            firesAt[gated.size() - 1] = firesAt(unthresholded, rows, windows, ruleInjection, ruleSafety, side, err);
        }
        return new Gate(weights, gated, WINDOW, firesAt);
    }

    /**
     * Where a static head fires alone: the {@link #FIRES_QUANTILE} quantile of its scores on benign
     * calibration rows it may block (an injection head blocks no text of {@link Head#SHORT_WORDS}
     * words or fewer), and above every benign {@code short} or {@code ids} row of fit and calibration.
     */
    private static double firesAt(
            Head head,
            List<TrainingSet.Row> rows,
            List<float[][]> windows,
            double[] ruleInjection,
            double[] ruleSafety,
            int[] side,
            PrintStream err) {
        List<Double> benign = new ArrayList<>();
        double floor = 0;
        for (int i = 0; i < rows.size(); i++) {
            TrainingSet.Row row = rows.get(i);
            if (side[i] == 2 || !row.benign() || !head.blocksAlone(row.text())) continue;
            double p = Evaluation.probability(head, windows.get(i), ruleInjection[i], ruleSafety[i]);
            if (side[i] == 1) benign.add(p);
            if (row.slice().equals("short") || row.slice().equals("ids")) floor = Math.max(floor, p + 1e-6);
        }
        java.util.Collections.sort(benign);
        double q =
                benign.isEmpty() ? 1 : benign.get(Math.min(benign.size() - 1, (int) (FIRES_QUANTILE * benign.size())));
        double at = Math.min(1, Math.max(q + 1e-6, floor));
        err.printf(
                Locale.ROOT,
                "guard train: %-10s static head fires alone at %.4f (%.1f%% quantile of %d benign calibration rows, short/ids floor %.4f)%n",
                head.name(),
                at,
                100 * FIRES_QUANTILE,
                benign.size(),
                floor);
        return at;
    }

    void write(ObjectNode root) {
        ObjectNode g = root.putObject("gate");
        g.put("window", window);
        byte[] packed = new byte[tokenWeights.length];
        for (int v = 0; v < packed.length; v++) packed[v] = (byte) Math.round(tokenWeights[v] * 255);
        g.put("token_weights", Base64.getEncoder().encodeToString(packed));
        ArrayNode hs = g.putArray("heads");
        for (Head h : heads) {
            ObjectNode o = hs.addObject()
                    .put("name", h.name())
                    .put("check", h.check())
                    .put("bias", GuardModel.round(h.bias()))
                    .put("gate", GuardModel.round(h.threshold()))
                    .put("fires_at", GuardModel.round(firesAt[heads.indexOf(h)]));
            ArrayNode w = o.putArray("weights");
            for (double v : h.weights()) w.add(GuardModel.round(v));
        }
    }

    static @Nullable Gate read(JsonNode root, String where) {
        JsonNode g = root.get("gate");
        if (g == null || g.isNull()) return null;
        byte[] packed = Base64.getDecoder().decode(g.get("token_weights").asString());
        float[] weights = new float[packed.length];
        for (int v = 0; v < packed.length; v++) weights[v] = (packed[v] & 0xff) / 255f;
        List<Head> heads = new ArrayList<>();
        List<Double> firesAt = new ArrayList<>();
        for (JsonNode h : g.get("heads")) {
            firesAt.add(h.has("fires_at") ? h.get("fires_at").asDouble() : 1.0);
            double[] w = Json.MAPPER.convertValue(h.get("weights"), double[].class);
            if (w.length != Features.SIZE)
                throw new IllegalArgumentException(where + ": gate head "
                        + h.get("name").asString() + " has " + w.length + " weights, expected " + Features.SIZE);
            heads.add(new Head(
                    h.get("name").asString(),
                    h.get("check").asString(),
                    w,
                    h.get("bias").asDouble(),
                    h.get("gate").asDouble()));
        }
        return new Gate(
                weights,
                heads,
                g.get("window").asInt(),
                firesAt.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
