package dev.sluice.worker.engine.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downcall handles to llama.cpp's C API as shipped by {@code @node-llama-cpp/linux-x64@3.21.1}
 * (llama.cpp release v0.4.0 of that package). Loaded once per JVM: the library keeps global
 * state (backend registry, logger), and a second load of another llama.cpp build in the same
 * process would fight over it.
 */
final class LlamaLibrary {
    private static final Logger LOG = LoggerFactory.getLogger(LlamaLibrary.class);
    static final String LIBLLAMA = "libllama.v0.4.0.so";
    static final String LIBGGML = "libggml.v0.4.0.so";

    private static volatile @Nullable LlamaLibrary instance;

    final MethodHandle modelDefaultParams;
    final MethodHandle contextDefaultParams;
    final MethodHandle modelLoadFromFile;
    final MethodHandle modelFree;
    final MethodHandle initFromModel;
    final MethodHandle free;
    final MethodHandle nCtx;
    final MethodHandle nCtxSeq;
    final MethodHandle getMemory;
    final MethodHandle memorySeqRm;
    final MethodHandle modelGetVocab;
    final MethodHandle modelNCtxTrain;
    final MethodHandle modelChatTemplate;
    final MethodHandle modelNEmbd;
    final MethodHandle modelNHead;
    final MethodHandle vocabIsEog;
    final MethodHandle tokenize;
    final MethodHandle tokenToPiece;
    final MethodHandle decode;
    final MethodHandle samplerChainInit;
    final MethodHandle samplerChainAdd;
    final MethodHandle samplerInitGreedy;
    final MethodHandle samplerInitDist;
    final MethodHandle samplerInitTopP;
    final MethodHandle samplerInitTemp;
    final MethodHandle samplerSample;
    final MethodHandle samplerFree;

    /** Loads the libraries from {@code libDir} the first time; later calls must name the same folder. */
    static LlamaLibrary load(Path libDir) {
        LlamaLibrary lib = instance;
        if (lib != null) {
            return lib;
        }
        synchronized (LlamaLibrary.class) {
            if (instance == null) {
                instance = new LlamaLibrary(libDir.toAbsolutePath().normalize());
            }
            return instance;
        }
    }

    private LlamaLibrary(Path dir) {
        Path llama = dir.resolve(LIBLLAMA);
        if (!Files.isRegularFile(llama)) {
            throw new IllegalStateException("llama.cpp library not found: " + llama
                    + " (run `npm ci` in inference-workers/native, or set sluice.llama.lib-dir)");
        }
        Arena global = Arena.global();
        // libllama's RUNPATH is $ORIGIN, so dlopen finds libggml and libggml-base beside it.
        SymbolLookup lookup =
                SymbolLookup.libraryLookup(llama, global).or(SymbolLookup.libraryLookup(dir.resolve(LIBGGML), global));
        Linker linker = Linker.nativeLinker();
        Binder b = new Binder(linker, lookup);

        // The CPU code lives in one backend per processor family; ggml scores each and keeps the best.
        MethodHandle loadAll = b.bind("ggml_backend_load_all_from_path", FunctionDescriptor.ofVoid(ADDRESS));
        MethodHandle logSet = b.bind("llama_log_set", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
        MethodHandle backendInit = b.bind("llama_backend_init", FunctionDescriptor.ofVoid());
        try {
            logSet.invokeExact(logCallback(linker), MemorySegment.NULL);
            loadAll.invokeExact(global.allocateFrom(dir.toString()));
            backendInit.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException("llama.cpp initialisation failed", t);
        }

        modelDefaultParams = b.bind("llama_model_default_params", FunctionDescriptor.of(NativeLayouts.MODEL_PARAMS));
        contextDefaultParams =
                b.bind("llama_context_default_params", FunctionDescriptor.of(NativeLayouts.CONTEXT_PARAMS));
        modelLoadFromFile = b.bind(
                "llama_model_load_from_file", FunctionDescriptor.of(ADDRESS, ADDRESS, NativeLayouts.MODEL_PARAMS));
        modelFree = b.bind("llama_model_free", FunctionDescriptor.ofVoid(ADDRESS));
        initFromModel =
                b.bind("llama_init_from_model", FunctionDescriptor.of(ADDRESS, ADDRESS, NativeLayouts.CONTEXT_PARAMS));
        free = b.bind("llama_free", FunctionDescriptor.ofVoid(ADDRESS));
        nCtx = b.bind("llama_n_ctx", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        nCtxSeq = b.bind("llama_n_ctx_seq", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        getMemory = b.bind("llama_get_memory", FunctionDescriptor.of(ADDRESS, ADDRESS));
        memorySeqRm = b.bind(
                "llama_memory_seq_rm", FunctionDescriptor.of(JAVA_BOOLEAN, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT));
        modelGetVocab = b.bind("llama_model_get_vocab", FunctionDescriptor.of(ADDRESS, ADDRESS));
        modelNCtxTrain = b.bind("llama_model_n_ctx_train", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        modelNEmbd = b.bind("llama_model_n_embd", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        modelNHead = b.bind("llama_model_n_head", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        modelChatTemplate = b.bind("llama_model_chat_template", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        vocabIsEog = b.bind("llama_vocab_is_eog", FunctionDescriptor.of(JAVA_BOOLEAN, ADDRESS, JAVA_INT));
        tokenize = b.bind(
                "llama_tokenize",
                FunctionDescriptor.of(
                        JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_BOOLEAN, JAVA_BOOLEAN));
        tokenToPiece = b.bind(
                "llama_token_to_piece",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_BOOLEAN));
        decode = b.bind("llama_decode", FunctionDescriptor.of(JAVA_INT, ADDRESS, NativeLayouts.BATCH));
        samplerChainInit =
                b.bind("llama_sampler_chain_init", FunctionDescriptor.of(ADDRESS, NativeLayouts.SAMPLER_CHAIN_PARAMS));
        samplerChainAdd = b.bind("llama_sampler_chain_add", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
        samplerInitGreedy = b.bind("llama_sampler_init_greedy", FunctionDescriptor.of(ADDRESS));
        samplerInitDist = b.bind("llama_sampler_init_dist", FunctionDescriptor.of(ADDRESS, JAVA_INT));
        samplerInitTopP = b.bind("llama_sampler_init_top_p", FunctionDescriptor.of(ADDRESS, JAVA_FLOAT, JAVA_LONG));
        samplerInitTemp = b.bind("llama_sampler_init_temp", FunctionDescriptor.of(ADDRESS, JAVA_FLOAT));
        samplerSample = b.bind("llama_sampler_sample", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
        samplerFree = b.bind("llama_sampler_free", FunctionDescriptor.ofVoid(ADDRESS));
        LOG.info("llama.cpp loaded from {}", dir);
    }

    private record Binder(Linker linker, SymbolLookup lookup) {
        MethodHandle bind(String name, FunctionDescriptor descriptor) {
            MemorySegment symbol = lookup.find(name)
                    .orElseThrow(() -> new IllegalStateException("symbol " + name + " missing from " + LIBLLAMA));
            return linker.downcallHandle(symbol, descriptor);
        }
    }

    /** Routes llama.cpp's log lines (stderr by default) to SLF4J; info and debug chatter is dropped. */
    private static MemorySegment logCallback(Linker linker) {
        try {
            MethodHandle target = MethodHandles.lookup()
                    .findStatic(
                            LlamaLibrary.class,
                            "log",
                            MethodType.methodType(void.class, int.class, MemorySegment.class, MemorySegment.class));
            return linker.upcallStub(target, FunctionDescriptor.ofVoid(JAVA_INT, ADDRESS, ADDRESS), Arena.global());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unused") // called from native code through the upcall stub
    private static void log(int level, MemorySegment text, MemorySegment userData) {
        // ggml_log_level: 3 = warn, 4 = error; 5 (cont) continues the previous line and is dropped.
        if (level != 3 && level != 4) {
            return;
        }
        String line = text.reinterpret(Long.MAX_VALUE).getString(0).strip();
        if (level == 4) {
            LOG.error("llama.cpp: {}", line);
        } else {
            LOG.warn("llama.cpp: {}", line);
        }
    }
}
