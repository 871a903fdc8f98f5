package dev.sluice.worker.engine.ffm;

import dev.sluice.schemas.event.Sampling;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A llama.cpp sampler chain for one sequence. Greedy when temperature is 0; otherwise top-p,
 * temperature and a seeded draw, so the same seed gives the same text. Temperature left unset
 * means 1.0, as in OpenAI's API.
 */
final class SequenceSampler implements AutoCloseable {
    private final LlamaLibrary lib;
    private final MemorySegment chain;

    SequenceSampler(LlamaLibrary lib, Sampling sampling) {
        this.lib = lib;
        double temperature = sampling.temperature() == null ? 1.0 : sampling.temperature();
        double topP = sampling.topP() == null ? 1.0 : sampling.topP();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment params = arena.allocate(NativeLayouts.SAMPLER_CHAIN_PARAMS);
            params.set(ValueLayout.JAVA_BYTE, 0, (byte) 1);
            chain = (MemorySegment) lib.samplerChainInit.invokeExact(params);
            if (temperature <= 0.0) {
                add((MemorySegment) lib.samplerInitGreedy.invokeExact());
            } else {
                if (topP < 1.0) {
                    add((MemorySegment) lib.samplerInitTopP.invokeExact((float) topP, 1L));
                }
                add((MemorySegment) lib.samplerInitTemp.invokeExact((float) temperature));
                long seed = sampling.seed() != null
                        ? sampling.seed()
                        : ThreadLocalRandom.current().nextInt();
                add((MemorySegment) lib.samplerInitDist.invokeExact((int) seed));
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("sampler setup failed", t);
        }
    }

    private void add(MemorySegment sampler) throws Throwable {
        lib.samplerChainAdd.invokeExact(chain, sampler);
    }

    /** Samples from the logits of batch row {@code outputIndex} and records the choice in the chain. */
    int sample(MemorySegment context, int outputIndex) {
        try {
            return (int) lib.samplerSample.invokeExact(chain, context, outputIndex);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    public void close() {
        try {
            lib.samplerFree.invokeExact(chain);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
