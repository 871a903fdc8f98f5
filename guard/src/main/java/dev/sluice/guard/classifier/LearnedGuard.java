package dev.sluice.guard.classifier;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The learned layer: the sentence encoder and the trained heads. A text's probability for a head
 * is the highest over its chunks, so one injected paragraph in a long document still counts.
 * Thread-safe.
 */
public final class LearnedGuard implements AutoCloseable {
    /** One head's verdict for one text. */
    public record Score(Head head, double probability) {
        public double score() {
            return head.score(probability);
        }

        public boolean fires() {
            return head.fires(probability);
        }
    }

    /** ~1.5 KB a short text: 4,096 of them stay under 10 MB. */
    static final int CACHED = 4096;

    private final SentenceEncoder encoder;
    private final GuardModel model;
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
     * As {@link #score}, for texts that wait together: one encoder call for all of them. Embeddings
     * are kept for the last {@link #CACHED} distinct texts: a client without server-side history
     * sends every earlier turn again with each request, and only the new turns need the encoder.
     */
    public List<List<Score>> scoreAll(List<String> texts, double[] ruleInjection, double[] ruleSafety) {
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

    /** The safety heads only, for a window of generated text (no rule scores: the rules run beside). */
    public List<Score> harm(String window) {
        return score(window, 0, 0).stream()
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
            List<float[][]> fresh = encoder.embed(missing);
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
