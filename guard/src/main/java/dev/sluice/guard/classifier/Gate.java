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
 * text (half-overlapping); its threshold here is a <em>gate</em>: {@link #MARGIN} times the lowest
 * static score of any training or calibration row of that label the encoder head catches. A text no gate opens for
 * skips the encoder (most benign text: on the held-out split ~88% of it); otherwise the encoder
 * reads the one window that scored highest against its gate (the whole text when it is no longer
 * than a window), so its cost is bounded by {@link #window} tokens whatever the prompt's length.
 * Token weights are smooth inverse frequency ({@code a / (a + p(token))}, a = 1e-3) counted on the
 * fit rows, so "the" and "," weigh little.
 */
public record Gate(float[] tokenWeights, List<Head> heads, int window) {
    public static final int WINDOW = 96;
    /**
     * Each gate sits at this fraction of the lowest static score of a row its encoder head catches.
     * At 1.0 the held-out split lost nothing, but the generator's eval templates (never trained on)
     * lost 4 of the 89 attacks the encoder catches; at 0.75 none, with 19% of held-out benign rows
     * sent to the encoder instead of 14%.
     */
    static final double MARGIN = 0.75;

    private static final double SIF_A = 1e-3;

    public Gate {
        tokenWeights = tokenWeights.clone();
        heads = List.copyOf(heads);
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

    /** The window the encoder should read, or null when no head's gate opens (the text skips the encoder). */
    public @Nullable Selection select(StaticEmbeddings statics, long[] ids, double ruleInjection, double ruleSafety) {
        double[][] p = probabilities(statics, ids, ruleInjection, ruleSafety);
        int[] starts = starts(ids.length, window);
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
        return new Selection(starts[at], Math.min(ids.length, starts[at] + window));
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
            long seed,
            PrintStream err) {
        List<long[]> fitIds = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) if (side[i] == 0) fitIds.add(ids.get(i));
        float[] weights = tokenWeights(fitIds, statics.vocabularySize());
        List<float[][]> windows = new ArrayList<>(rows.size());
        for (long[] t : ids) windows.add(statics.embed(t, starts(t.length, WINDOW), WINDOW, weights));
        List<Head> gated = new ArrayList<>();
        for (Head encoderHead : encoderHeads) {
            Head unthresholded =
                    TrainCommand.fitHead(encoderHead.name(), rows, windows, ruleInjection, ruleSafety, side, seed);
            double gate = 1;
            int kept = 0;
            for (int i = 0; i < rows.size(); i++) {
                if (side[i] == 2 || !rows.get(i).labels().contains(encoderHead.name())) continue;
                if (!encoderHead.fires(
                        Evaluation.probability(encoderHead, embeddings.get(i), ruleInjection[i], ruleSafety[i])))
                    continue;
                kept++;
                gate = Math.min(
                        gate, Evaluation.probability(unthresholded, windows.get(i), ruleInjection[i], ruleSafety[i]));
            }
            gate = Math.max(0.001, Math.min(0.999, MARGIN * gate));
            err.printf(
                    Locale.ROOT,
                    "guard train: %-10s gate %.4f (3/4 of the lowest static score of %d rows the encoder head catches)%n",
                    encoderHead.name(),
                    gate,
                    kept);
            gated.add(new Head(
                    unthresholded.name(), unthresholded.check(), unthresholded.weights(), unthresholded.bias(), gate));
        }
        return new Gate(weights, gated, WINDOW);
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
                    .put("gate", GuardModel.round(h.threshold()));
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
        for (JsonNode h : g.get("heads")) {
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
        return new Gate(weights, heads, g.get("window").asInt());
    }
}
