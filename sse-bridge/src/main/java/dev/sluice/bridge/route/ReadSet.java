package dev.sluice.bridge.route;

import dev.sluice.bridge.replay.StreamPartitioner;
import dev.sluice.schemas.id.Ids;
import dev.sluice.schemas.topic.Topics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which {@code chat.stream} partitions the router's consumer reads: the owned share plus the
 * partitions of streams held here, each positioned at its end before anyone relies on it. Only
 * the router thread touches the consumer ({@link #apply}); other threads ask for a partition
 * ({@link #ensureRead}) and wait until the router has positioned it.
 */
final class ReadSet {
    private static final Logger log = LoggerFactory.getLogger(ReadSet.class);
    /** How often partitions that are neither owned nor needed any more are let go. */
    private static final long RELEASE_EVERY_NANOS = 5_000_000_000L;
    /** Tries to mint an id in an owned partition before falling back to any (read on demand): 1/share tries on average. */
    private static final int MINT_TRIES = 256;

    private final Consumer<String, byte[]> consumer;
    private final int partitions;
    /** The correlation ids of the streams held here, whose partitions must stay read. */
    private final Supplier<Collection<String>> held;

    private final Runnable wakeRouter;
    /** Guards the decision to drop a partition against a subscriber arriving for it at the same moment. */
    private final Object lock = new Object();
    /** Partitions read and positioned; changed by the router thread only, under {@link #lock}. */
    private volatile Set<Integer> assigned = Set.of();
    /** Owned partitions already read: where {@link #mint} may put a new stream. */
    private volatile int[] mintable = new int[0];

    private volatile Set<Integer> owned = Set.of();
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> changes = new ConcurrentLinkedQueue<>();
    private long lastReleaseNanos = System.nanoTime();

    ReadSet(Consumer<String, byte[]> consumer, int partitions, Supplier<Collection<String>> held, Runnable wakeRouter) {
        this.consumer = consumer;
        this.partitions = partitions;
        this.held = held;
        this.wakeRouter = wakeRouter;
    }

    int partitions() {
        return partitions;
    }

    Set<Integer> assigned() {
        return assigned;
    }

    Set<Integer> owned() {
        return owned;
    }

    Set<Integer> ownedAndRead() {
        Set<Integer> out = new TreeSet<>();
        for (int p : mintable) out.add(p);
        return out;
    }

    /** A new share from the group (any thread); the router applies it on its next turn. */
    void own(Set<Integer> now) {
        owned = Set.copyOf(now);
        request();
    }

    /** A UUIDv7 whose partition is owned and read here, or any when no share is known yet. */
    String mint() {
        int[] mine = mintable;
        if (mine.length == 0 || partitions == 0) return Ids.newId();
        for (int i = 0; i < MINT_TRIES; i++) {
            String id = Ids.newId();
            int p = StreamPartitioner.partitionOf(id, partitions);
            for (int m : mine) if (m == p) return id;
        }
        return Ids.newId();
    }

    /**
     * Registers a stream held here (its subscription added by {@code register}, under the lock that
     * a partition drop takes) and returns once its partition is read from its end or further back.
     */
    void ensureRead(String correlationId, Runnable register) {
        CompletableFuture<Void> positioned = null;
        synchronized (lock) {
            register.run();
            if (partitions > 0 && !assigned.contains(StreamPartitioner.partitionOf(correlationId, partitions)))
                positioned = request();
        }
        if (positioned == null) return;
        try {
            positioned.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the partition of " + correlationId, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the chat.stream partition of " + correlationId + ": " + e, e);
        }
    }

    private CompletableFuture<Void> request() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        changes.add(f);
        wakeRouter.run();
        return f;
    }

    /** Router thread: applies new shares and partition demands; lets go of unneeded partitions now and then. */
    void apply(BooleanSupplier running) {
        boolean release = System.nanoTime() - lastReleaseNanos > RELEASE_EVERY_NANOS;
        if (changes.isEmpty() && !release) return;
        List<CompletableFuture<Void>> waiting = new ArrayList<>();
        CompletableFuture<Void> f;
        while ((f = changes.poll()) != null) waiting.add(f);
        try {
            reassign(release ? Set.of() : assigned, running);
            if (release) lastReleaseNanos = System.nanoTime();
            waiting.forEach(w -> w.complete(null));
        } catch (RuntimeException e) {
            waiting.forEach(w -> w.completeExceptionally(e));
            throw e;
        }
    }

    /** Router thread, at start: every partition when there is no group, else whatever is needed. */
    void init(boolean readAll) {
        if (readAll) {
            Set<Integer> all = new TreeSet<>();
            for (int p = 0; p < partitions; p++) all.add(p);
            owned = Set.copyOf(all);
        }
        reassign(Set.of(), () -> false);
    }

    void fail(RuntimeException cause) {
        changes.forEach(f -> f.completeExceptionally(cause));
    }

    /**
     * Reads owned ∪ needed ∪ {@code keep}: partitions new to the assignment start at their end and
     * are positioned before anyone is told; a partition leaves only when nothing here needs it.
     */
    private void reassign(Set<Integer> keep, BooleanSupplier running) {
        Set<Integer> wanted = new TreeSet<>(owned);
        wanted.addAll(keep);
        Set<Integer> before = assigned;
        synchronized (lock) {
            for (String id : held.get()) wanted.add(StreamPartitioner.partitionOf(id, partitions));
            Set<Integer> kept = new TreeSet<>(wanted);
            kept.retainAll(before);
            assigned = Set.copyOf(
                    kept); // what is dropped is dropped under the lock; what is added is published once positioned
        }
        if (!wanted.equals(before)) {
            List<TopicPartition> added = wanted.stream()
                    .filter(p -> !before.contains(p))
                    .map(ReadSet::tp)
                    .toList();
            consumer.assign(wanted.stream().map(ReadSet::tp).toList());
            if (!added.isEmpty()) {
                consumer.seekToEnd(added);
                for (TopicPartition tp : added)
                    resolvePosition(tp, running); // an event produced after this must be seen
            }
            log.debug("router reads chat.stream partitions {}", wanted);
        }
        assigned = Set.copyOf(wanted);
        mintable = owned.stream()
                .filter(wanted::contains)
                .mapToInt(Integer::intValue)
                .toArray();
    }

    /** A subscriber's wakeup can land here instead of in poll: it only asks for what is being done, so go on. */
    private void resolvePosition(TopicPartition tp, BooleanSupplier running) {
        while (true) {
            try {
                consumer.position(tp);
                return;
            } catch (WakeupException e) {
                if (!running.getAsBoolean()) throw e;
            }
        }
    }

    private static TopicPartition tp(int partition) {
        return new TopicPartition(Topics.CHAT_STREAM.name(), partition);
    }
}
