package dev.sluice.worker.engine.ffm;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * One loaded GGUF model and its single llama_context holding {@code slots} sequences, each with
 * its own KV stream ({@code kv_unified = false}): a token's attention only spans its own
 * sequence, so eight short chats cost eight short attentions, not eight times the whole cache.
 * Only the decode thread may call {@link #decode}, {@link #seqRemove} and the sampler methods;
 * tokenization is thread-safe in llama.cpp and may be called from any thread.
 */
final class NativeModel implements AutoCloseable {
    private final LlamaLibrary lib;
    private final MemorySegment model;
    private final MemorySegment context;
    private final MemorySegment vocab;
    private final MemorySegment memory;
    private final int contextPerSlot;
    private final int batchSize;
    private final @Nullable String chatTemplate;

    NativeModel(LlamaLibrary lib, FfmEngineConfig config) {
        Path gguf = config.model();
        int slots = config.slots();
        int batchSize = config.batchSize();
        int threads = config.threads();
        if (!Files.isRegularFile(gguf)) {
            throw new IllegalArgumentException("model file not found: " + gguf);
        }
        this.lib = lib;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mp = (MemorySegment) lib.modelDefaultParams.invokeExact((SegmentAllocator) arena);
            mp.set(JAVA_INT, NativeLayouts.MODEL_N_GPU_LAYERS, 0);
            model = (MemorySegment) lib.modelLoadFromFile.invokeExact(arena.allocateFrom(gguf.toString()), mp);
            if (model.equals(MemorySegment.NULL)) {
                throw new IllegalArgumentException("llama.cpp could not load " + gguf);
            }
            MemorySegment cp = (MemorySegment) lib.contextDefaultParams.invokeExact((SegmentAllocator) arena);
            cp.set(JAVA_INT, NativeLayouts.CTX_N_CTX, slots * config.contextPerSlot());
            cp.set(JAVA_INT, NativeLayouts.CTX_N_BATCH, batchSize);
            cp.set(JAVA_INT, NativeLayouts.CTX_N_UBATCH, batchSize);
            cp.set(JAVA_INT, NativeLayouts.CTX_N_SEQ_MAX, slots);
            cp.set(JAVA_INT, NativeLayouts.CTX_N_THREADS, threads);
            cp.set(JAVA_INT, NativeLayouts.CTX_N_THREADS_BATCH, threads);
            cp.set(JAVA_BYTE, NativeLayouts.CTX_KV_UNIFIED, (byte) 0);
            cp.set(JAVA_BYTE, NativeLayouts.CTX_NO_PERF, (byte) 1);
            boolean flash = config.flashAttention() != null ? config.flashAttention() : headSize() >= 32;
            cp.set(JAVA_INT, NativeLayouts.CTX_FLASH_ATTN_TYPE, flash ? 1 : 0);
            context = (MemorySegment) lib.initFromModel.invokeExact(model, cp);
            if (context.equals(MemorySegment.NULL)) {
                lib.modelFree.invokeExact(model);
                throw new IllegalArgumentException("llama.cpp could not create a context for " + gguf);
            }
            vocab = (MemorySegment) lib.modelGetVocab.invokeExact(model);
            memory = (MemorySegment) lib.getMemory.invokeExact(context);
            this.contextPerSlot = (int) lib.nCtxSeq.invokeExact(context);
            this.batchSize = batchSize;
            MemorySegment tmpl = (MemorySegment) lib.modelChatTemplate.invokeExact(model, MemorySegment.NULL);
            chatTemplate = tmpl.equals(MemorySegment.NULL)
                    ? null
                    : tmpl.reinterpret(Long.MAX_VALUE).getString(0);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("llama.cpp failed loading " + gguf, t);
        }
    }

    /** Dimensions per attention head (embedding width / heads). */
    private int headSize() throws Throwable {
        int embd = (int) lib.modelNEmbd.invokeExact(model);
        int heads = (int) lib.modelNHead.invokeExact(model);
        return heads > 0 ? embd / heads : embd;
    }

    /** Tokens each sequence may hold (prompt plus generated). */
    int contextPerSlot() {
        return contextPerSlot;
    }

    int batchSize() {
        return batchSize;
    }

    int trainedContext() {
        try {
            return (int) lib.modelNCtxTrain.invokeExact(model);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Nullable
    String chatTemplate() {
        return chatTemplate;
    }

    /** Tokens of {@code text}; BOS is added when the model asks for it, special tokens are parsed. */
    int[] tokenize(String text, boolean addSpecial) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment src = arena.allocate(utf8.length + 1L);
            MemorySegment.copy(utf8, 0, src, JAVA_BYTE, 0, utf8.length);
            int capacity = utf8.length + 2;
            MemorySegment out = arena.allocate(JAVA_INT, capacity);
            int n = (int) lib.tokenize.invokeExact(vocab, src, utf8.length, out, capacity, addSpecial, true);
            if (n < 0) {
                if (n == Integer.MIN_VALUE) {
                    throw new IllegalArgumentException("text too long to tokenize");
                }
                capacity = -n;
                out = arena.allocate(JAVA_INT, capacity);
                n = (int) lib.tokenize.invokeExact(vocab, src, utf8.length, out, capacity, addSpecial, true);
            }
            return out.asSlice(0, (long) n * Integer.BYTES).toArray(JAVA_INT);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** UTF-8 bytes of one token (may be part of a character); control tokens render as nothing. */
    byte[] piece(int token, MemorySegment scratch) {
        try {
            int n = (int) lib.tokenToPiece.invokeExact(vocab, token, scratch, (int) scratch.byteSize(), 0, false);
            if (n < 0) {
                throw new IllegalStateException("token piece longer than " + scratch.byteSize() + " bytes");
            }
            return scratch.asSlice(0, n).toArray(JAVA_BYTE);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    boolean isEndOfGeneration(int token) {
        try {
            return (boolean) lib.vocabIsEog.invokeExact(vocab, token);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Drops positions {@code [from, end)} of one sequence from the KV cache. */
    void seqRemove(int seq, int from) {
        try {
            boolean ok = (boolean) lib.memorySeqRm.invokeExact(memory, seq, from, -1);
            if (!ok) {
                throw new IllegalStateException("llama.cpp refused to trim sequence " + seq + " at " + from);
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Runs one llama_decode; returns llama.cpp's status (0 ok, 1 no KV room, 2 aborted, negative fatal). */
    int decode(MemorySegment batch) {
        try {
            return (int) lib.decode.invokeExact(context, batch);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    MemorySegment context() {
        return context;
    }

    LlamaLibrary library() {
        return lib;
    }

    @Override
    public void close() {
        try {
            lib.free.invokeExact(context);
            lib.modelFree.invokeExact(model);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
