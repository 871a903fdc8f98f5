package dev.sluice.worker.engine;

/** {@code sluice.engine}: which {@link InferenceEngine} a worker runs. */
public enum EngineKind {
    /** In-process llama.cpp through the de.kherud JNI binding. */
    LLAMACPP,
    /** In-process llama.cpp through its C API and Java FFM: one batched decode per step, a KV stream per sequence (the default). */
    FFM,
    /** Remote OpenAI-compatible servers (vLLM, TensorRT-LLM, llama-server, TGI). */
    OPENAI
}
