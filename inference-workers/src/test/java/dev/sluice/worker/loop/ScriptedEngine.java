package dev.sluice.worker.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.worker.engine.Generation;
import dev.sluice.worker.engine.GenerationListener;
import dev.sluice.worker.engine.GenerationRequest;
import dev.sluice.worker.engine.GenerationResult;
import dev.sluice.worker.engine.InferenceEngine;
import dev.sluice.worker.engine.ModelInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** An engine the test answers by hand; counts how many prompts it holds at once. */
class ScriptedEngine implements InferenceEngine {
    private final int slots;
    final BlockingQueue<Submitted> submitted = new LinkedBlockingQueue<>();
    final List<GenerationRequest> requests = java.util.Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();

    ScriptedEngine(int slots) {
        this.slots = slots;
    }

    record Submitted(
            ScriptedEngine engine, GenerationRequest request, GenerationListener listener, AtomicBoolean cancelled) {
        void answer(String... pieces) {
            for (String p : pieces) listener.onText(p, 1);
            engine.inFlight.decrementAndGet();
            listener.onComplete(new GenerationResult(3, pieces.length, "stop", 1.0));
        }
    }

    Submitted next() {
        try {
            Submitted s = submitted.poll(WorkerLoopTest.WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(s).as("a prompt reached the engine").isNotNull();
            return s;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public ModelInfo info() {
        return new ModelInfo("m", "scripted", 4096, "llama3", null);
    }

    @Override
    public int slots() {
        return slots;
    }

    @Override
    public Generation submit(GenerationRequest request, GenerationListener listener) {
        requests.add(request);
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        AtomicBoolean cancelled = new AtomicBoolean();
        Submitted s = new Submitted(this, request, listener, cancelled);
        submitted.add(s);
        return () -> {
            if (cancelled.compareAndSet(false, true)) {
                inFlight.decrementAndGet();
                listener.onComplete(new GenerationResult(3, 0, "cancelled", 1.0));
            }
        };
    }

    @Override
    public int countTokens(String text) {
        return text.length();
    }

    @Override
    public void close() {}
}
