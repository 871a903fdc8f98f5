package dev.sluice.guard.classifier;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fixed vector per vocabulary token, distilled from the sentence encoder (the idea of
 * Model2Vec): a token's vector is what the encoder outputs for that token alone, with the mean
 * over the vocabulary taken out; a text's vector is the weighted mean of its tokens' vectors,
 * L2-normalized. It reads a 512-token prompt in tens of microseconds, where the encoder takes tens
 * of milliseconds, so it is the {@link Gate} in front of the encoder. Stored as int8 with a scale
 * per token (11.7 MB for 30,522 tokens). Distilling runs the encoder once over the vocabulary
 * (~6 s of one core); the result is kept in a file under {@code java.io.tmpdir} named by the
 * encoder's digest, so later starts read it in milliseconds. Immutable and thread-safe.
 */
public final class StaticEmbeddings {
    private static final Logger log = LoggerFactory.getLogger(StaticEmbeddings.class);
    private static final int MAGIC = 0x53475354; // "SGST"
    private static final int BATCH = 512;
    private static final int D = SentenceEncoder.DIMENSIONS;

    private final byte[] table;
    private final float[] scale;
    private final int vocab;

    private StaticEmbeddings(byte[] table, float[] scale) {
        this.table = table;
        this.scale = scale;
        this.vocab = scale.length;
    }

    private static @Nullable StaticEmbeddings shared;

    /** The table of {@link SentenceEncoder#shared()}'s encoder, read from the cache file or distilled once per JVM. */
    public static synchronized StaticEmbeddings shared(SentenceEncoder encoder) {
        if (shared == null) shared = load(encoder, defaultCache(encoder));
        return shared;
    }

    static Path defaultCache(SentenceEncoder encoder) {
        return Path.of(System.getProperty("java.io.tmpdir"), "sluice-guard-static-" + encoder.digest() + ".bin");
    }

    /** From {@code cache} when it holds this encoder's table, else distilled and written there (best effort). */
    static StaticEmbeddings load(SentenceEncoder encoder, Path cache) {
        int vocab = encoder.vocabularySize();
        StaticEmbeddings cached = read(cache, vocab);
        if (cached != null) return cached;
        long started = System.nanoTime();
        StaticEmbeddings distilled = distill(encoder, vocab);
        log.info(
                "guard: distilled static token vectors from {} ({} tokens) in {} ms",
                SentenceEncoder.NAME,
                vocab,
                (System.nanoTime() - started) / 1_000_000);
        distilled.write(cache);
        return distilled;
    }

    static StaticEmbeddings distill(SentenceEncoder encoder, int vocab) {
        float[][] rows = new float[vocab][];
        for (int from = 0; from < vocab; from += BATCH) {
            List<long[]> one = new ArrayList<>(BATCH);
            for (int v = from; v < Math.min(vocab, from + BATCH); v++) one.add(new long[] {v});
            float[][] out = encoder.embedIds(one);
            System.arraycopy(out, 0, rows, from, out.length);
        }
        double[] mean = new double[D];
        for (float[] r : rows) for (int d = 0; d < D; d++) mean[d] += r[d];
        for (int d = 0; d < D; d++) mean[d] /= vocab;
        byte[] table = new byte[vocab * D];
        float[] scale = new float[vocab];
        for (int v = 0; v < vocab; v++) {
            float max = 1e-12f;
            for (int d = 0; d < D; d++) max = Math.max(max, Math.abs(rows[v][d] - (float) mean[d]));
            scale[v] = max / 127f;
            for (int d = 0; d < D; d++) table[v * D + d] = (byte) Math.round((rows[v][d] - (float) mean[d]) / scale[v]);
        }
        return new StaticEmbeddings(table, scale);
    }

    private static @Nullable StaticEmbeddings read(Path file, int vocab) {
        if (!Files.isRegularFile(file)) return null;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != MAGIC || in.readInt() != vocab || in.readInt() != D) return null;
            float[] scale = new float[vocab];
            for (int v = 0; v < vocab; v++) scale[v] = in.readFloat();
            byte[] table = in.readNBytes(vocab * D);
            return table.length == vocab * D ? new StaticEmbeddings(table, scale) : null;
        } catch (IOException e) {
            log.warn("guard: cannot read {} ({}), distilling again", file, e.toString());
            return null;
        }
    }

    private void write(Path file) {
        try {
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "sluice-guard-static", ".tmp");
            try (DataOutputStream out =
                    new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
                out.writeInt(MAGIC);
                out.writeInt(vocab);
                out.writeInt(D);
                for (float s : scale) out.writeFloat(s);
                out.write(table);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            log.warn(
                    "guard: cannot keep the static token vectors in {} ({}); they are distilled again next start",
                    file,
                    e.toString());
        }
    }

    public int vocabularySize() {
        return vocab;
    }

    /**
     * The vectors of the windows {@link Gate#windows} cuts {@code ids} into: {@code window} tokens
     * from each start, each the {@code weights}-weighted mean of its tokens, L2-normalized.
     */
    float[][] embed(long[] ids, int[] starts, int window, float[] weights) {
        float[][] out = new float[starts.length][];
        for (int w = 0; w < starts.length; w++) {
            float[] v = new float[D];
            int to = Math.min(ids.length, starts[w] + window);
            for (int t = starts[w]; t < to; t++) {
                int id = (int) ids[t];
                if (id < 0 || id >= vocab) continue;
                float f = weights[id] * scale[id];
                int base = id * D;
                for (int d = 0; d < D; d++) v[d] += f * table[base + d];
            }
            double norm = 0;
            for (float x : v) norm += x * x;
            float inv = (float) (1.0 / Math.max(1e-9, Math.sqrt(norm)));
            for (int d = 0; d < D; d++) v[d] *= inv;
            out[w] = v;
        }
        return out;
    }
}
