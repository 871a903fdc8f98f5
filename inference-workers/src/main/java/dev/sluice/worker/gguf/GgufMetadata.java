package dev.sluice.worker.gguf;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads the key/value header of a GGUF file (no tensors): the training context length, the
 * chat template the model declares, and whether its vocabulary has Llama 3's special tokens.
 * That decides how prompts are rendered before the model is ever loaded.
 */
public record GgufMetadata(
        String architecture, int contextLength, @Nullable String chatTemplate, boolean hasLlama3Tokens) {
    private static final int MAGIC = 0x46554747; // "GGUF" little-endian

    public static GgufMetadata read(Path file) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            LittleEndian in = new LittleEndian(new DataInputStream(raw));
            if (in.i32() != MAGIC) throw new IOException(file + " is not a GGUF file");
            int version = in.i32();
            if (version < 2) throw new IOException(file + " is GGUF version " + version + "; 2 or later is supported");
            in.i64(); // tensor count
            long kvCount = in.i64();
            Map<String, Object> kv = new HashMap<>();
            boolean llama3 = false;
            for (long i = 0; i < kvCount; i++) {
                String key = in.string();
                int type = in.i32();
                if (key.equals("tokenizer.ggml.tokens") && type == 9) {
                    llama3 = scanTokensFor(in, "<|eot_id|>");
                } else {
                    Object value = in.value(type);
                    if (value != null) kv.put(key, value);
                }
            }
            String arch = String.valueOf(kv.getOrDefault("general.architecture", "llama"));
            Object ctx = kv.get(arch + ".context_length");
            String template = kv.get("tokenizer.chat_template") instanceof String s ? s : null;
            return new GgufMetadata(arch, ctx instanceof Number n ? n.intValue() : 2048, template, llama3);
        }
    }

    /** llama3 when the model speaks the Llama 3 header format, gguf for another declared template, else plain. */
    public String templateKind() {
        if (chatTemplate != null && chatTemplate.contains("<|start_header_id|>")) return "llama3";
        if (chatTemplate != null) return "gguf";
        return hasLlama3Tokens ? "llama3" : "plain";
    }

    private static boolean scanTokensFor(LittleEndian in, String wanted) throws IOException {
        int elementType = in.i32();
        long n = in.i64();
        boolean found = false;
        for (long j = 0; j < n; j++) {
            if (elementType == 8) {
                if (wanted.equals(in.string())) found = true;
            } else {
                in.value(elementType);
            }
        }
        return found;
    }

    private record LittleEndian(DataInputStream in) {
        int i32() throws IOException {
            return Integer.reverseBytes(in.readInt());
        }

        long i64() throws IOException {
            return Long.reverseBytes(in.readLong());
        }

        String string() throws IOException {
            long len = i64();
            if (len < 0 || len > (1 << 24)) throw new IOException("GGUF string of length " + len);
            return new String(in.readNBytes((int) len), StandardCharsets.UTF_8);
        }

        /** Returns scalars and strings; arrays are skipped (null). */
        @Nullable
        Object value(int type) throws IOException {
            return switch (type) {
                case 0, 1 -> (int) in.readByte();
                case 2, 3 -> (int) Short.reverseBytes(in.readShort());
                case 4, 5 -> i32();
                case 6 -> Float.intBitsToFloat(i32());
                case 7 -> in.readByte() != 0;
                case 8 -> string();
                case 9 -> {
                    skipArray();
                    yield null;
                }
                case 10, 11 -> i64();
                case 12 -> Double.longBitsToDouble(i64());
                default -> throw new IOException("unknown GGUF value type " + type);
            };
        }

        void skipArray() throws IOException {
            int elementType = i32();
            long n = i64();
            for (long j = 0; j < n; j++) value(elementType);
        }
    }
}
