package dev.sluice.guard.classifier;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * all-MiniLM-L6-v2 (int8, 384 dimensions) run by ONNX Runtime on one intra-op thread, tokenized by
 * HuggingFace tokenizers; both files come from a Maven Central jar, so nothing downloads at run
 * time. A text is embedded as the mean of its token vectors, L2-normalized. Texts longer than
 * {@link #CHUNK_TOKENS} tokens are cut into chunks that the caller scores one by one, so an attack
 * at the end of a long prompt is not diluted by the benign text before it. Thread-safe (an ORT
 * session may be run concurrently; the tokenizer is immutable).
 */
public final class SentenceEncoder implements AutoCloseable {
    public static final String NAME = "all-minilm-l6-v2-q";
    public static final int DIMENSIONS = 384;
    /** MiniLM was trained on 256-token windows; longer ones embed worse, not better. */
    public static final int CHUNK_TOKENS = 256;
    /**
     * At most this many chunks of one text are embedded: the first and the last half of them. A
     * 128k-character prompt is ~128 chunks, ~10 s of a loaded core on the topology thread (the
     * integration test of ten such turns timed out the next request); the rules still read all of
     * it, the classifier reads its first and last 1,024 tokens.
     */
    public static final int MAX_CHUNKS = 8;

    private final OrtEnvironment env;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean typeIds;
    private final long cls;
    private final long sep;

    private final java.util.concurrent.atomic.LongAdder encodedTokens = new java.util.concurrent.atomic.LongAdder();
    private final String digest;
    private final int vocabularySize;

    private SentenceEncoder(
            OrtEnvironment env, OrtSession session, HuggingFaceTokenizer tokenizer, String digest, int vocabularySize)
            throws OrtException {
        this.env = env;
        this.session = session;
        this.tokenizer = tokenizer;
        this.digest = digest;
        this.vocabularySize = vocabularySize;
        this.typeIds = session.getInputNames().contains("token_type_ids");
        long[] empty = tokenizer.encode("", true, false).getIds(); // [CLS] [SEP]
        this.cls = empty[0];
        this.sep = empty[empty.length - 1];
    }

    private static @Nullable SentenceEncoder shared;

    /**
     * One encoder per JVM for the application's guard beans: several Spring contexts (tests, dev
     * mode's roles) would otherwise each hold ~100 MB of native session. Never closed; it lives as
     * long as the JVM.
     */
    public static synchronized SentenceEncoder shared() {
        if (shared == null) shared = load();
        return shared;
    }

    /** Loads the encoder from the classpath (the langchain4j model jar). */
    public static SentenceEncoder load() {
        try (InputStream model = resource("/" + NAME + ".onnx");
                InputStream vocab = resource("/" + NAME + "-tokenizer.json")) {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            // One core per inference: the guard runs beside the Streams thread; parallelism comes from batching.
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            byte[] modelBytes = model.readAllBytes();
            byte[] vocabBytes = vocab.readAllBytes();
            OrtSession session = env.createSession(modelBytes, options);
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(
                    new java.io.ByteArrayInputStream(vocabBytes),
                    Map.of("padding", "false", "truncation", "false", "addSpecialTokens", "false"));
            int vocabularySize = dev.sluice.schemas.serde.Json.MAPPER
                    .readTree(vocabBytes)
                    .path("model")
                    .path("vocab")
                    .size();
            return new SentenceEncoder(env, session, tokenizer, digest(modelBytes, vocabBytes), vocabularySize);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sentence encoder " + NAME, e);
        } catch (OrtException e) {
            throw new IllegalStateException(
                    "ONNX Runtime cannot load the sentence encoder " + NAME + ": " + e.getMessage(), e);
        }
    }

    private static String digest(byte[] model, byte[] vocab) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update(model);
            sha.update(vocab);
            return java.util.HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first 8 bytes of the SHA-256 of the model and tokenizer files: what a table distilled from them is keyed by. */
    public String digest() {
        return digest;
    }

    /** Tokens this encoder has run (special tokens included), since it was loaded: what its cost follows. */
    public long encodedTokens() {
        return encodedTokens.sum();
    }

    /** Tokens in the tokenizer's vocabulary (30,522). */
    public int vocabularySize() {
        return vocabularySize;
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = SentenceEncoder.class.getResourceAsStream(name);
        if (in == null)
            throw new IOException(
                    name + " is not on the classpath (dev.langchain4j:langchain4j-embeddings-" + NAME + ")");
        return in;
    }

    /** Token ids of a text without special tokens, for chunking; identifiers are one placeholder word ({@link Identifiers}). */
    long[] tokens(String text) {
        return tokenizer.encode(Identifiers.mask(text), false, false).getIds();
    }

    /**
     * One embedding per chunk of each text: {@code result.get(i)} holds text i's chunks. All chunks
     * of all texts run as one padded batch, which is what makes batching records that wait
     * together cheaper than one call each.
     */
    public List<float[][]> embed(List<String> texts) {
        List<long[]> chunks = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        for (int t = 0; t < texts.size(); t++) {
            long[] ids = tokens(texts.get(t));
            int n = Math.max(1, (ids.length + CHUNK_TOKENS - 1) / CHUNK_TOKENS);
            for (int c = 0; c < n; c++) {
                if (n > MAX_CHUNKS && c >= MAX_CHUNKS / 2 && c < n - MAX_CHUNKS / 2) continue;
                int from = c * CHUNK_TOKENS;
                int to = Math.min(ids.length, from + CHUNK_TOKENS);
                chunks.add(withSpecialTokens(ids, from, to));
                owners.add(t);
            }
        }
        int[] owner = owners.stream().mapToInt(Integer::intValue).toArray();
        float[][] vectors = run(chunks);
        List<List<float[]>> grouped = new ArrayList<>();
        for (int t = 0; t < texts.size(); t++) grouped.add(new ArrayList<>());
        for (int i = 0; i < vectors.length; i++) grouped.get(owner[i]).add(vectors[i]);
        return grouped.stream().map(g -> g.toArray(float[][]::new)).toList();
    }

    /** One mean-pooled vector per token-id sequence (special tokens added), in one padded batch. */
    float[][] embedIds(List<long[]> sequences) {
        return run(sequences.stream()
                .map(ids -> withSpecialTokens(ids, 0, ids.length))
                .toList());
    }

    private long[] withSpecialTokens(long[] ids, int from, int to) {
        long[] out = new long[to - from + 2];
        out[0] = cls;
        System.arraycopy(ids, from, out, 1, to - from);
        out[out.length - 1] = sep;
        return out;
    }

    private float[][] run(List<long[]> chunks) {
        int batch = chunks.size();
        for (long[] c : chunks) encodedTokens.add(c.length);
        int len = chunks.stream().mapToInt(c -> c.length).max().orElse(2);
        long[] ids = new long[batch * len];
        long[] mask = new long[batch * len];
        for (int b = 0; b < batch; b++) {
            long[] c = chunks.get(b);
            System.arraycopy(c, 0, ids, b * len, c.length);
            for (int i = 0; i < c.length; i++) mask[b * len + i] = 1;
        }
        long[] shape = {batch, len};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            if (typeIds)
                inputs.put(
                        "token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[batch * len]), shape));
            try (OrtSession.Result result = session.run(inputs)) {
                float[][][] hidden = (float[][][]) result.get(0).getValue();
                float[][] out = new float[batch][];
                for (int b = 0; b < batch; b++) out[b] = meanPool(hidden[b], chunks.get(b).length);
                return out;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("sentence encoder failed: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private static float[] meanPool(float[][] tokens, int length) {
        float[] v = new float[tokens[0].length];
        for (int t = 0; t < length; t++) {
            for (int d = 0; d < v.length; d++) v[d] += tokens[t][d];
        }
        double norm = 0;
        for (int d = 0; d < v.length; d++) {
            v[d] /= length;
            norm += v[d] * v[d];
        }
        float inv = (float) (1.0 / Math.max(1e-12, Math.sqrt(norm)));
        for (int d = 0; d < v.length; d++) v[d] *= inv;
        return v;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // Closing frees native memory only; nothing to do when it fails.
        }
        tokenizer.close();
    }
}
