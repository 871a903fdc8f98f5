package dev.sluice.worker.engine.ffm;

import dev.sluice.worker.engine.EngineException;
import dev.sluice.worker.engine.GenerationListener;
import dev.sluice.worker.engine.GenerationResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Collects one sequence's output for assertions. */
class Collected implements GenerationListener {
    final StringBuilder text = new StringBuilder();
    final AtomicInteger textTokens = new AtomicInteger();
    final CompletableFuture<GenerationResult> result = new CompletableFuture<>();
    final CompletableFuture<Integer> firstText = new CompletableFuture<>();

    @Override
    public synchronized void onText(String piece, int tokens) {
        text.append(piece);
        textTokens.addAndGet(tokens);
        firstText.complete(tokens);
    }

    @Override
    public void onComplete(GenerationResult r) {
        result.complete(r);
    }

    @Override
    public void onError(EngineException error) {
        result.completeExceptionally(error);
    }

    GenerationResult await() throws Exception {
        return result.get(60, TimeUnit.SECONDS);
    }

    synchronized String text() {
        return text.toString();
    }
}
