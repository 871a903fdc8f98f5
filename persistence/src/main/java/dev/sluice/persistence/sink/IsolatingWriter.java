package dev.sluice.persistence.sink;

import dev.sluice.schemas.event.CompletionRecorded;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one record a store refuses from holding back every record behind it. A batch is written
 * whole; when the store refuses it (rather than being down), it is split in halves until each
 * refused record stands alone, a record refused alone is retried a bounded number of times, and
 * then it is handed back as
 * {@link CompletionWriter.Rejected} so the sink dead-letters it and moves on. Without this, one
 * completion PostgreSQL cannot take rewinds the batch forever and history stops for every user.
 *
 * <p>When the store turns out to be down in the middle, the failure is thrown as it is: the sink
 * rewinds and waits, and the parts already written are skipped on the retry because writers are
 * idempotent.
 */
final class IsolatingWriter implements CompletionWriter {
    private static final Logger log = LoggerFactory.getLogger(IsolatingWriter.class);

    private final CompletionWriter store;
    private final int attempts;
    private final Duration pause;

    /**
     * @param attempts how many times a record is written alone before it is given up (at least 1)
     * @param pause    wait between those attempts, so a conflict that clears on its own can clear
     */
    IsolatingWriter(CompletionWriter store, int attempts, Duration pause) {
        if (attempts < 1) throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        this.store = store;
        this.attempts = attempts;
        this.pause = pause;
    }

    @Override
    public List<Rejected> write(List<CompletionRecorded> batch) throws Exception {
        try {
            return store.write(batch);
        } catch (Exception e) {
            if (store.storeUnavailable(e)) throw e;
            log.info("a batch of {} completions was refused ({}); narrowing it down", batch.size(), store.describe(e));
        }
        return isolate(batch);
    }

    /**
     * Halves a refused batch until the refused records stand alone: one bad record among n costs
     * about 2·log2(n) transactions instead of n (a 5,000-record poll: about 26, not 5,000).
     */
    private List<Rejected> isolate(List<CompletionRecorded> batch) throws Exception {
        if (batch.size() == 1) return writeAlone(batch.getFirst());
        List<Rejected> rejected = new ArrayList<>();
        int mid = batch.size() / 2;
        for (List<CompletionRecorded> half : List.of(batch.subList(0, mid), batch.subList(mid, batch.size()))) {
            try {
                rejected.addAll(store.write(half));
            } catch (Exception e) {
                if (store.storeUnavailable(e)) throw e;
                rejected.addAll(isolate(half));
            }
        }
        return rejected;
    }

    private List<Rejected> writeAlone(CompletionRecorded completion) throws Exception {
        @Nullable Exception last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                return store.write(List.of(completion));
            } catch (Exception e) {
                if (store.storeUnavailable(e)) throw e;
                last = e;
                if (attempt < attempts) sleep(pause);
            }
        }
        return List.of(new Rejected(
                completion,
                "the store refused it " + attempts + " times: "
                        + store.describe(Objects.requireNonNull(last, "attempts >= 1"))));
    }

    @Override
    public boolean storeUnavailable(Exception failure) {
        return store.storeUnavailable(failure);
    }

    @Override
    public String describe(Exception failure) {
        return store.describe(failure);
    }

    private static void sleep(Duration d) throws InterruptedException {
        if (!d.isZero()) Thread.sleep(d);
    }
}
