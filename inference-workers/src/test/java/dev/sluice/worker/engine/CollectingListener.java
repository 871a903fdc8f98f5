package dev.sluice.worker.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Collects one sequence's output for assertions. */
public class CollectingListener implements GenerationListener {
    public final StringBuilder text = new StringBuilder();
    public final AtomicInteger textTokens = new AtomicInteger();
    public final CompletableFuture<GenerationResult> result = new CompletableFuture<>();
    public final CompletableFuture<Integer> firstText = new CompletableFuture<>();

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

    public GenerationResult await() throws Exception {
        return result.get(60, TimeUnit.SECONDS);
    }

    public synchronized String text() {
        return text.toString();
    }
}
