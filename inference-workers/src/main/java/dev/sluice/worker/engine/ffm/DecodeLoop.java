package dev.sluice.worker.engine.ffm;

import dev.sluice.worker.engine.EngineException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that talks to the llama_context. Each step builds a single batch holding the
 * next token of every generating sequence plus a chunk of any joining prompt, runs one
 * llama_decode, and samples every sequence that produced logits. New requests join at the
 * next step (continuous batching); a cancelled sequence leaves its slot at the next step.
 */
final class DecodeLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(DecodeLoop.class);
    private static final Object WAKE = new Object();
    /**
     * A step should take about this long at most: a cancel, and every running sequence's next
     * token, wait for the step in progress, so a long prompt joins in chunks sized to fit.
     */
    private static final double TARGET_STEP_MS = 40;

    private static final int MIN_PROMPT_CHUNK = 16;

    private final NativeModel model;
    private final int promptChunk;
    private final List<Slot> slots = new ArrayList<>();
    private final LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final ArrayDeque<Submission> waiting = new ArrayDeque<>();
    private final DecodeBatch batch;
    private final MemorySegment scratch = Arena.ofAuto().allocate(256);
    private volatile boolean running = true;
    /** Moving average of decode time per batch row, to size prompt chunks by time. */
    private double msPerRow;

    final AtomicLong generatedTokens = new AtomicLong();
    final AtomicLong reusedPromptTokens = new AtomicLong();
    final AtomicLong decodedPromptTokens = new AtomicLong();
    volatile int runningCount;
    volatile int waitingCount;

    DecodeLoop(NativeModel model, int slotCount, int promptChunk) {
        this.model = model;
        this.promptChunk = promptChunk;
        for (int i = 0; i < slotCount; i++) {
            slots.add(new Slot(i));
        }
        batch = new DecodeBatch(model.batchSize());
    }

    void offer(Submission s) {
        inbox.add(s);
    }

    void wake() {
        inbox.add(WAKE);
    }

    void stop() {
        running = false;
        wake();
    }

    @Override
    public void run() {
        try {
            while (running) {
                boolean idle = slots.stream().allMatch(s -> s.active == null) && waiting.isEmpty();
                if (idle) {
                    receive(inbox.take());
                }
                List<Object> arrived = new ArrayList<>();
                inbox.drainTo(arrived);
                arrived.forEach(this::receive);
                admit();
                if (slots.stream().anyMatch(s -> s.active != null)) {
                    try {
                        step();
                    } catch (RuntimeException e) {
                        // A failed native call leaves the running sequences' KV in doubt: end them, keep serving.
                        LOG.error("decode step failed", e);
                        failAll(new EngineException("engine_error", "the engine failed: " + e.getMessage(), e));
                    }
                }
                updateGauges();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            EngineException closed = new EngineException("engine_closed", "the engine was shut down");
            for (Slot s : slots) {
                if (s.active != null) {
                    s.active.fail(closed);
                }
            }
            waiting.forEach(w -> w.fail(closed));
            List<Object> rest = new ArrayList<>();
            inbox.drainTo(rest);
            rest.stream()
                    .filter(Submission.class::isInstance)
                    .map(Submission.class::cast)
                    .forEach(w -> w.fail(closed));
            batch.close();
        }
    }

    private void receive(Object item) {
        if (item instanceof Submission s) {
            waiting.add(s);
        }
    }

    /** Places waiting requests in free slots, preferring the slot that already holds their prefix. */
    private void admit() {
        while (!waiting.isEmpty()) {
            Submission next = waiting.peek();
            if (next.rejected != null) {
                waiting.poll();
                next.fail(next.rejected);
                continue;
            }
            if (next.cancelled) {
                waiting.poll();
                next.cancelledBeforeStart();
                continue;
            }
            Slot slot = chooseSlot(next);
            if (slot == null) {
                return;
            }
            waiting.poll();
            start(slot, next);
        }
    }

    private @Nullable Slot chooseSlot(Submission s) {
        Slot best = null;
        long bestScore = Long.MIN_VALUE;
        String key = s.request.affinityKey();
        for (Slot slot : slots) {
            if (slot.active != null) {
                continue;
            }
            long score = (long) slot.commonPrefix(s.tokens) * 2;
            if (key != null && key.equals(slot.affinityKey)) {
                score += 1L << 40;
            }
            // Among equals, take the slot idle longest: its cache is least likely to be wanted.
            if (best == null || score > bestScore || (score == bestScore && slot.lastUsedNanos < best.lastUsedNanos)) {
                best = slot;
                bestScore = score;
            }
        }
        return best;
    }

    private void start(Slot slot, Submission s) {
        int common = slot.commonPrefix(s.tokens);
        // The last prompt token must be decoded again: its logits give the first new token.
        common = Math.min(common, s.tokens.length - 1);
        model.seqRemove(slot.seq, common);
        slot.truncate(common);
        slot.affinityKey = s.request.affinityKey();
        slot.lastUsedNanos = System.nanoTime();
        reusedPromptTokens.addAndGet(common);
        try {
            slot.active = new ActiveSequence(s, new SequenceSampler(model.library(), s.request.sampling()), common);
        } catch (RuntimeException e) {
            s.fail(new EngineException("engine_error", "sampler setup failed: " + e.getMessage(), e));
        }
    }

    private void step() {
        for (Slot slot : slots) {
            ActiveSequence a = slot.active;
            if (a != null && a.submission.cancelled) {
                a.finish("cancelled");
                slot.active = null;
            }
        }
        batch.clear();
        for (Slot slot : slots) {
            ActiveSequence a = slot.active;
            if (a != null && !a.prefilling()) {
                a.outputRow = batch.add(a.nextToken, slot.size(), slot.seq, true);
                slot.append(a.nextToken);
            }
        }
        int promptBudget = promptBudget(batch.size());
        for (Slot slot : slots) {
            ActiveSequence a = slot.active;
            if (a == null || !a.prefilling()) {
                continue;
            }
            a.outputRow = -1;
            int[] tokens = a.submission.tokens;
            int n = Math.min(Math.min(promptBudget, batch.free()), tokens.length - a.promptFed);
            for (int i = 0; i < n; i++) {
                int token = tokens[a.promptFed];
                boolean last = a.promptFed == tokens.length - 1;
                int row = batch.add(token, slot.size(), slot.seq, last);
                slot.append(token);
                a.promptFed++;
                if (last) {
                    a.outputRow = row;
                }
            }
            promptBudget -= n;
            decodedPromptTokens.addAndGet(n);
        }
        if (batch.size() == 0) {
            return;
        }
        long started = System.nanoTime();
        int status = model.decode(batch.struct());
        double perRow = (System.nanoTime() - started) / 1e6 / batch.size();
        msPerRow = msPerRow == 0 ? perRow : 0.8 * msPerRow + 0.2 * perRow;
        if (status != 0) {
            failBatch(status);
            return;
        }
        for (Slot slot : slots) {
            ActiveSequence a = slot.active;
            if (a == null || a.outputRow < 0) {
                continue;
            }
            int token = a.sampler.sample(model.context(), a.outputRow);
            a.outputRow = -1;
            generatedTokens.incrementAndGet();
            // The sampled token needs one more KV position when it is fed back next step.
            boolean roomLeft = slot.size() + 1 < model.contextPerSlot();
            if (a.accept(model, token, scratch, roomLeft)) {
                slot.active = null;
                slot.lastUsedNanos = System.nanoTime();
            }
        }
    }

    private int promptBudget(int decodeRows) {
        if (msPerRow == 0) {
            return promptChunk;
        }
        int fits = (int) (TARGET_STEP_MS / msPerRow) - decodeRows;
        return Math.max(MIN_PROMPT_CHUNK, Math.min(promptChunk, fits));
    }

    /** A failed decode leaves the involved KV streams in an unknown state: drop them and fail their requests. */
    private void failBatch(int status) {
        LOG.error("llama_decode returned {}", status);
        failAll(new EngineException("engine_error", "llama_decode failed with status " + status));
    }

    private void failAll(EngineException error) {
        for (Slot slot : slots) {
            ActiveSequence a = slot.active;
            if (a != null) {
                a.fail(error);
                slot.active = null;
                slot.affinityKey = null;
                slot.truncate(0);
                try {
                    model.seqRemove(slot.seq, 0);
                } catch (RuntimeException e) {
                    LOG.error("could not clear sequence {}", slot.seq, e);
                }
            }
        }
    }

    private void updateGauges() {
        runningCount =
                (int) slots.stream().map(s -> s.active).filter(Objects::nonNull).count();
        waitingCount = waiting.size();
    }
}
