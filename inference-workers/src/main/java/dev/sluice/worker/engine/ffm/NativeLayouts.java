package dev.sluice.worker.engine.ffm;

import static java.lang.foreign.MemoryLayout.paddingLayout;
import static java.lang.foreign.MemoryLayout.sequenceLayout;
import static java.lang.foreign.MemoryLayout.structLayout;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.StructLayout;

/**
 * Struct layouts of llama.h (llama.cpp v0.4.0 as packaged by node-llama-cpp 3.21.1), x86-64
 * System V. Offsets were checked against the header with a C {@code offsetof} probe; the sizes
 * are asserted by the layouts themselves (a wrong field count changes them).
 */
final class NativeLayouts {
    private NativeLayouts() {}

    /** struct llama_model_params, 80 bytes. */
    static final StructLayout MODEL_PARAMS = structLayout(
            ADDRESS.withName("devices"),
            ADDRESS.withName("tensor_buft_overrides"),
            JAVA_INT.withName("n_gpu_layers"),
            JAVA_INT.withName("split_mode"),
            JAVA_INT.withName("load_mode"),
            JAVA_INT.withName("lazy_mode"),
            JAVA_INT.withName("main_gpu"),
            paddingLayout(4),
            ADDRESS.withName("tensor_split"),
            ADDRESS.withName("progress_callback"),
            ADDRESS.withName("progress_callback_user_data"),
            ADDRESS.withName("kv_overrides"),
            sequenceLayout(6, JAVA_BYTE).withName("flags"),
            paddingLayout(2));

    static final long MODEL_N_GPU_LAYERS = 16;

    /** struct llama_context_params, 160 bytes. */
    static final StructLayout CONTEXT_PARAMS = structLayout(
            sequenceLayout(9, JAVA_INT).withName("sizes_and_threads"),
            sequenceLayout(5, JAVA_INT).withName("enums"),
            sequenceLayout(8, JAVA_FLOAT).withName("rope_and_yarn"),
            ADDRESS.withName("cb_eval"),
            ADDRESS.withName("cb_eval_user_data"),
            JAVA_INT.withName("type_k"),
            JAVA_INT.withName("type_v"),
            ADDRESS.withName("abort_callback"),
            ADDRESS.withName("abort_callback_data"),
            sequenceLayout(6, JAVA_BYTE).withName("flags"),
            paddingLayout(2),
            ADDRESS.withName("samplers"),
            JAVA_LONG.withName("n_samplers"),
            ADDRESS.withName("ctx_other"));

    static final long CTX_N_CTX = 0;
    static final long CTX_N_BATCH = 4;
    static final long CTX_N_UBATCH = 8;
    static final long CTX_N_SEQ_MAX = 12;
    static final long CTX_N_THREADS = 28;
    static final long CTX_N_THREADS_BATCH = 32;
    /** enum llama_flash_attn_type: -1 auto, 0 disabled, 1 enabled. */
    static final long CTX_FLASH_ATTN_TYPE = 52;

    static final long CTX_NO_PERF = 130;
    static final long CTX_KV_UNIFIED = 133;

    /** struct llama_batch, 56 bytes. */
    static final StructLayout BATCH = structLayout(
            JAVA_INT.withName("n_tokens"),
            paddingLayout(4),
            ADDRESS.withName("token"),
            ADDRESS.withName("embd"),
            ADDRESS.withName("pos"),
            ADDRESS.withName("n_seq_id"),
            ADDRESS.withName("seq_id"),
            ADDRESS.withName("logits"));

    static final long BATCH_N_TOKENS = 0;
    static final long BATCH_TOKEN = 8;
    static final long BATCH_EMBD = 16;
    static final long BATCH_POS = 24;
    static final long BATCH_N_SEQ_ID = 32;
    static final long BATCH_SEQ_ID = 40;
    static final long BATCH_LOGITS = 48;

    /** struct llama_sampler_chain_params: one bool (no_perf). */
    static final StructLayout SAMPLER_CHAIN_PARAMS = structLayout(JAVA_BYTE.withName("no_perf"));

    static {
        check(MODEL_PARAMS, 80);
        check(CONTEXT_PARAMS, 160);
        check(BATCH, 56);
    }

    private static void check(StructLayout layout, long size) {
        if (layout.byteSize() != size) {
            throw new IllegalStateException(
                    "layout " + layout + " is " + layout.byteSize() + " bytes, llama.h says " + size);
        }
    }
}
