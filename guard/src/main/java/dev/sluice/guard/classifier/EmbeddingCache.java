package dev.sluice.guard.classifier;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Embeddings kept between {@code guard train} runs ({@code --embeddings FILE}): retraining after a
 * change to the data or the thresholds then embeds only new texts. Keyed by the normalized text and
 * tagged with the encoder's name, so a file from another encoder is ignored.
 */
final class EmbeddingCache {
    private static final int MAGIC = 0x53474543; // "SGEC"
    private final Map<String, float[][]> entries;
    private final boolean enabled;

    private EmbeddingCache(Map<String, float[][]> entries, boolean enabled) {
        this.entries = entries;
        this.enabled = enabled;
    }

    static EmbeddingCache none() {
        return new EmbeddingCache(new LinkedHashMap<>(), false);
    }

    static EmbeddingCache read(Path file) throws IOException {
        Map<String, float[][]> entries = new LinkedHashMap<>();
        if (Files.exists(file)) {
            try (DataInputStream in =
                    new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
                if (in.readInt() == MAGIC && in.readUTF().equals(SentenceEncoder.NAME)) {
                    int count = in.readInt();
                    for (int e = 0; e < count; e++) {
                        byte[] key = in.readNBytes(in.readInt());
                        float[][] chunks = new float[in.readInt()][];
                        for (int c = 0; c < chunks.length; c++) {
                            chunks[c] = new float[in.readInt()];
                            for (int d = 0; d < chunks[c].length; d++) chunks[c][d] = in.readFloat();
                        }
                        entries.put(new String(key, StandardCharsets.UTF_8), chunks);
                    }
                }
            }
        }
        return new EmbeddingCache(entries, true);
    }

    List<float[][]> embed(List<String> texts, SentenceEncoder encoder) {
        if (!enabled) return encoder.embed(texts);
        // Keyed by what the encoder reads (identifiers masked), so a cache from before the masking
        // still serves every text without an identifier and re-embeds only those with one.
        List<String> keys = texts.stream().map(Identifiers::mask).toList();
        List<String> missing = new ArrayList<>();
        for (String k : keys) if (!entries.containsKey(k) && !missing.contains(k)) missing.add(k);
        if (!missing.isEmpty()) {
            List<float[][]> fresh = encoder.embed(missing);
            for (int i = 0; i < missing.size(); i++) entries.put(missing.get(i), fresh.get(i));
        }
        return keys.stream().map(entries::get).toList();
    }

    void write(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out =
                new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            out.writeInt(MAGIC);
            out.writeUTF(SentenceEncoder.NAME);
            out.writeInt(entries.size());
            for (Map.Entry<String, float[][]> e : entries.entrySet()) {
                byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
                out.writeInt(key.length);
                out.write(key);
                out.writeInt(e.getValue().length);
                for (float[] chunk : e.getValue()) {
                    out.writeInt(chunk.length);
                    for (float v : chunk) out.writeFloat(v);
                }
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
