package dev.sluice.guard.classifier;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The learned layer: the sentence encoder and the trained heads. With a {@link Gate} in the model
 * (the shipped one has it), a text the gate does not open for scores 0 on every head without the
 * encoder; one it opens for is embedded from the window the gate chose, unless the static heads
 * already fire for every label the gate opened ({@link Gate#settled}). Without a gate, a text's
 * probability for a head is the highest over its chunks, so one injected paragraph in a long document
 * still counts. Thread-safe.
 */
public final class LearnedGuard implements AutoCloseable {
    /** One head's verdict for one text. */
    public record Score(Head head, double probability, boolean fromGate) {
        public Score(Head head, double probability) {
            this(head, probability, false);
        }

        public double score() {
            return head.score(probability);
        }

        public boolean fires() {
            return head.fires(probability);
        }

        /** In the head's flag tier (see {@link Head#flags}); never for a static head firing alone. */
        public boolean flags() {
            return !fromGate && head.flags(probability);
        }
    }

    /** ~1.5 KB a short text: 4,096 of them stay under 10 MB. */
    static final int CACHED = 4096;

    private final SentenceEncoder encoder;
    private final GuardModel model;
    /** Loaded at the first prompt (or {@link #prepareGate}): output safety alone never needs it. */
    private volatile @Nullable StaticEmbeddings statics;
    /** Each static head that may fire alone, at its {@code fires_at} (null: never alone); built once, not per prompt. */
    private final @Nullable Head[] firing;

    private final java.util.concurrent.atomic.LongAdder gated = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder settled = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder encoded = new java.util.concurrent.atomic.LongAdder();
    private final Map<String, float[][]> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[][]> eldest) {
            return size() > CACHED;
        }
    };
    private long hits;

    public LearnedGuard(SentenceEncoder encoder, GuardModel model) {
        this.encoder = encoder;
        this.model = model;
        Gate gate = model.gate();
        this.firing = new Head[gate == null ? 0 : gate.heads().size()];
        for (int k = 0; k < firing.length; k++)
            firing[k] = java.util.Objects.requireNonNull(gate).firing(k);
    }

    /**
     * Loads the gate's static token vectors now (read from their cache file, or distilled from the
     * encoder the first time on a machine, ~6 s of one core) instead of at the first prompt. The
     * topology calls it at start; a worker, which only checks output ({@link #harm}), never does.
     */
    public void prepareGate() {
        if (model.gate() != null && statics == null) statics = StaticEmbeddings.shared(encoder);
    }

    /** Whether the gate's static token vectors are loaded in this instance. */
    public boolean gateReady() {
        return statics != null;
    }

    public static LearnedGuard load(GuardModel model) {
        return new LearnedGuard(SentenceEncoder.load(), model);
    }

    public GuardModel model() {
        return model;
    }

    /** Every head's score for one text, given the rule layers' scores of the same text. */
    public List<Score> score(String text, double ruleInjection, double ruleSafety) {
        return scoreAll(List.of(text), new double[] {ruleInjection}, new double[] {ruleSafety})
                .getFirst();
    }

    /**
     * As {@link #score}, for texts that wait together. Each text still runs through the encoder on
     * its own: the int8 model scales its activations over the whole input tensor, so in one padded
     * batch a text's embedding moved with its neighbours (up to 0.02 a component; a ransom-note
     * request scored violence 0.93 alone and 0.87 beside "hi", either side of the threshold), and a
     * verdict must not depend on which other records happened to wait with it. Embeddings are kept
     * for the last {@link #CACHED} distinct texts: a client without server-side history sends every
     * earlier turn again with each request, and only the new turns need the encoder.
     */
    public List<List<Score>> scoreAll(List<String> texts, double[] ruleInjection, double[] ruleSafety) {
        Gate gate = model.gate();
        if (gate != null) {
            prepareGate();
            return scoreGated(gate, java.util.Objects.requireNonNull(statics), texts, ruleInjection, ruleSafety);
        }
        return scoreEncoded(texts, ruleInjection, ruleSafety);
    }

    /** Every text through the encoder (up to {@link SentenceEncoder#MAX_CHUNKS} chunks), no gate. */
    private List<List<Score>> scoreEncoded(List<String> texts, double[] ruleInjection, double[] ruleSafety) {
        List<float[][]> embedded = embedCached(texts);
        List<List<Score>> out = new ArrayList<>(texts.size());
        for (int t = 0; t < texts.size(); t++) {
            List<Score> scores = new ArrayList<>(model.heads().size());
            for (Head head : model.heads()) {
                double best = 0;
                for (float[] chunk : embedded.get(t)) {
                    best = Math.max(best, head.probability(Features.of(chunk, ruleInjection[t], ruleSafety[t])));
                }
                scores.add(new Score(head, best));
            }
            out.add(scores);
        }
        return out;
    }

    /**
     * The cascade: the gate reads every text; texts it opens for and the static heads do not settle
     * are embedded by the encoder (each on its own, their selected windows only) and scored by the heads;
     * the others score 0 on every encoder head (a settled text keeps the static heads that fire).
     */
    private List<List<Score>> scoreGated(
            Gate gate, StaticEmbeddings statics, List<String> texts, double[] ruleInjection, double[] ruleSafety) {
        int n = texts.size();
        String[] keys = new String[n];
        long[][] windows = new long[n][];
        double[][] staticP = new double[n][];
        for (int t = 0; t < n; t++) {
            long[] ids = encoder.tokens(texts.get(t));
            Gate.Decision d = gate.decide(statics, ids, ruleInjection[t], ruleSafety[t]);
            staticP[t] = d.staticProbability();
            Gate.Selection s = d.selection();
            if (s == null) {
                gated.increment();
                continue;
            }
            if (gate.settled(staticP[t])) {
                settled.increment();
                continue;
            }
            boolean whole = s.from() == 0 && s.to() == ids.length;
            keys[t] = whole ? texts.get(t) : texts.get(t) + "\u0000" + s.from();
            windows[t] = java.util.Arrays.copyOfRange(ids, s.from(), s.to());
        }
        float[] @Nullable [] vectors = new float[n][];
        List<Integer> missing = new ArrayList<>();
        synchronized (cache) {
            for (int t = 0; t < n; t++) {
                if (keys[t] == null) continue;
                float[][] hit = cache.get(keys[t]);
                if (hit != null) {
                    hits++;
                    vectors[t] = hit[0];
                } else missing.add(t);
            }
        }
        if (!missing.isEmpty()) {
            float[][] fresh = new float[missing.size()][];
            for (int m = 0; m < fresh.length; m++) fresh[m] = encoder.embedIds(List.of(windows[missing.get(m)]))[0];
            synchronized (cache) {
                for (int m = 0; m < missing.size(); m++) {
                    vectors[missing.get(m)] = fresh[m];
                    cache.put(keys[missing.get(m)], new float[][] {fresh[m]});
                }
            }
        }
        List<List<Score>> out = new ArrayList<>(n);
        for (int t = 0; t < n; t++) {
            List<Score> scores = new ArrayList<>(model.heads().size());
            float[] v = vectors[t];
            if (v != null) encoded.increment();
            for (Head head : model.heads()) {
                scores.add(new Score(
                        head, v == null ? 0 : head.probability(Features.of(v, ruleInjection[t], ruleSafety[t]))));
            }
            // A static head sure enough to fire alone is a layer of its own ("classifier:NAME", from the gate).
            for (int k = 0; k < firing.length; k++) {
                Head alone = firing[k];
                if (alone != null && alone.fires(staticP[t][k])) scores.add(new Score(alone, staticP[t][k], true));
            }
            out.add(scores);
        }
        return out;
    }

    /** Texts no gate opened for (scored 0 without the encoder), since start. */
    public long gatedTexts() {
        return gated.sum();
    }

    /** Texts a gate opened for that the static heads decided alone ({@link Gate#settled}): no encoder. */
    public long settledTexts() {
        return settled.sum();
    }

    /** Texts the encoder read, since start. */
    public long encodedTexts() {
        return encoded.sum();
    }

    /** The safety heads only, for a window of generated text (no rule scores: the rules run beside). */
    public List<Score> harm(String window) {
        // Never gated: the gate learned prompts, and generated answers are unlike them (a pipe-bomb
        // recipe written as an answer scored 0.73 of the weapons gate and 0.99 on the encoder head).
        return scoreEncoded(List.of(window), new double[1], new double[1]).getFirst().stream()
                .filter(s -> "safety".equals(s.head().check()))
                .toList();
    }

    public List<float[][]> embed(List<String> texts) {
        return encoder.embed(texts);
    }

    /** How many texts were answered from the embedding cache (for tests and metrics). */
    public long cacheHits() {
        synchronized (cache) {
            return hits;
        }
    }

    private List<float[][]> embedCached(List<String> texts) {
        float[] @Nullable [][] out = new float[texts.size()][][];
        List<String> missing = new ArrayList<>();
        synchronized (cache) {
            for (int i = 0; i < texts.size(); i++) {
                out[i] = cache.get(texts.get(i));
                if (out[i] != null) hits++;
                else if (!missing.contains(texts.get(i))) missing.add(texts.get(i));
            }
        }
        if (!missing.isEmpty()) {
            List<float[][]> fresh = new ArrayList<>(missing.size());
            for (String text : missing) fresh.add(encoder.embed(List.of(text)).getFirst());
            synchronized (cache) {
                for (int i = 0; i < missing.size(); i++) cache.put(missing.get(i), fresh.get(i));
            }
            for (int i = 0; i < texts.size(); i++) {
                if (out[i] == null) out[i] = fresh.get(missing.indexOf(texts.get(i)));
            }
        }
        return java.util.Arrays.asList(out);
    }

    @Override
    public void close() {
        encoder.close();
    }
}
