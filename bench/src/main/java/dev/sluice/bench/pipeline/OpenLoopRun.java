package dev.sluice.bench.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load: requests start on a fixed schedule (rate per second) whatever the answers do,
 * as real users arrive, so a slow system meets a growing queue instead of a politely waiting
 * client (closed-loop generators hide that: coordinated omission). Requests scheduled in the
 * warm-up are sent but not measured.
 */
public final class OpenLoopRun {
    private final StreamingClient client;
    private final Duration mockTtft;
    private final Duration mockInterToken;

    public OpenLoopRun(StreamingClient client, Duration mockTtft, Duration mockInterToken) {
        this.client = client;
        this.mockTtft = mockTtft;
        this.mockInterToken = mockInterToken;
    }

    public RunResult run(int rate, Duration warmup, Duration measured) throws InterruptedException {
        return run(rate, warmup, measured, () -> {}, () -> {});
    }

    /**
     * @param atMeasuredStart runs when the first measured request is due (e.g. a CPU snapshot)
     * @param atMeasuredEnd   runs one interval after the last request was due: the window's end
     */
    public RunResult run(int rate, Duration warmup, Duration measured, Runnable atMeasuredStart, Runnable atMeasuredEnd)
            throws InterruptedException {
        long intervalNanos = 1_000_000_000L / rate;
        int warmupCount = (int) (warmup.toNanos() / intervalNanos);
        int total = warmupCount + (int) (measured.toNanos() / intervalNanos);
        List<Future<StreamResult>> measuredResults = new ArrayList<>(total - warmupCount);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            long start = System.nanoTime() + 10_000_000L;
            for (int i = 0; i < total; i++) {
                long due = start + i * intervalNanos;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) LockSupport.parkNanos(wait);
                if (i == warmupCount) atMeasuredStart.run();
                int seq = i;
                Future<StreamResult> f = pool.submit(() -> client.send(seq, due));
                if (i >= warmupCount) measuredResults.add(f);
            }
            long end = start + total * intervalNanos;
            long wait;
            while ((wait = end - System.nanoTime()) > 0) LockSupport.parkNanos(wait);
            atMeasuredEnd.run();
            pool.shutdown();
            pool.awaitTermination(2, TimeUnit.MINUTES);
        }
        List<StreamResult> results = new ArrayList<>();
        for (Future<StreamResult> f : measuredResults) {
            try {
                results.add(f.get());
            } catch (ExecutionException e) {
                results.add(StreamResult.failed(String.valueOf(e.getCause())));
            }
        }
        return summarize(rate, measured, results, mockTtft, mockInterToken);
    }

    static RunResult summarize(
            int rate, Duration measured, List<StreamResult> results, Duration mockTtft, Duration mockInterToken) {
        double ttftMs = mockTtft.toNanos() / 1e6;
        double itlMs = mockInterToken.toNanos() / 1e6;
        List<Double> ttft = new ArrayList<>();
        List<Double> overhead = new ArrayList<>();
        List<Double> completion = new ArrayList<>();
        List<Double> gaps = new ArrayList<>();
        List<Double> lags = new ArrayList<>();
        long tokens = 0;
        long deltas = 0;
        int errors = 0;
        String firstError = null;
        for (StreamResult r : results) {
            tokens += r.tokens();
            if (!r.ok()) {
                errors++;
                if (firstError == null) firstError = r.error();
                continue;
            }
            if (r.tokens() == 0) continue;
            deltas += r.deltas();
            ttft.add(r.ttftMs());
            overhead.add(r.ttftMs() - ttftMs);
            completion.add(r.lastMs() - (ttftMs + (r.tokens() - 1) * itlMs));
            for (double g : r.gapsMs()) gaps.add(g);
            double[] at = r.tokenAtMs();
            for (int k = 1; k < at.length; k++) lags.add(at[k] - at[0] - k * itlMs);
        }
        double seconds = measured.toNanos() / 1e9;
        return new RunResult(
                rate,
                seconds,
                results.size(),
                results.size() - errors,
                errors,
                firstError,
                summary(ttft),
                summary(overhead),
                summary(completion),
                summary(gaps),
                tokens / seconds,
                summary(lags),
                deltas == 0 ? Double.NaN : (double) tokens / deltas);
    }

    private static Summary summary(List<Double> values) {
        return Summary.of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
