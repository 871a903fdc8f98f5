package dev.sluice.worker.engine.llamacpp;

/**
 * @param threads        native threads per decode; on 2 vCPUs one is fastest (both cores fight the JVM)
 * @param contextPerSlot tokens of context each parallel sequence gets (capped by the model's)
 */
public record LlamaCppSettings(int slots, int threads, int contextPerSlot, int gpuLayers) {}
