package dev.sluice.worker.engine.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A llama_batch owned by the decode thread: one row per token, each row in exactly one
 * sequence. Allocated once with room for {@code capacity} rows and refilled every step, so a
 * step allocates nothing.
 */
final class DecodeBatch implements AutoCloseable {
    private final Arena arena = Arena.ofShared();
    private final int capacity;
    private final MemorySegment struct;
    private final MemorySegment tokens;
    private final MemorySegment positions;
    private final MemorySegment seqIdCounts;
    private final MemorySegment seqIds;
    private final MemorySegment seqIdPointers;
    private final MemorySegment logits;
    private int size;

    DecodeBatch(int capacity) {
        this.capacity = capacity;
        struct = arena.allocate(NativeLayouts.BATCH);
        tokens = arena.allocate(JAVA_INT, capacity);
        positions = arena.allocate(JAVA_INT, capacity);
        seqIdCounts = arena.allocate(JAVA_INT, capacity);
        seqIds = arena.allocate(JAVA_INT, capacity);
        seqIdPointers = arena.allocate(ADDRESS, capacity);
        logits = arena.allocate(JAVA_BYTE, capacity);
        for (int i = 0; i < capacity; i++) {
            seqIdCounts.setAtIndex(JAVA_INT, i, 1);
            seqIdPointers.setAtIndex(ADDRESS, i, seqIds.asSlice((long) i * Integer.BYTES, Integer.BYTES));
        }
        struct.set(ADDRESS, NativeLayouts.BATCH_TOKEN, tokens);
        struct.set(ADDRESS, NativeLayouts.BATCH_EMBD, MemorySegment.NULL);
        struct.set(ADDRESS, NativeLayouts.BATCH_POS, positions);
        struct.set(ADDRESS, NativeLayouts.BATCH_N_SEQ_ID, seqIdCounts);
        struct.set(ADDRESS, NativeLayouts.BATCH_SEQ_ID, seqIdPointers);
        struct.set(ADDRESS, NativeLayouts.BATCH_LOGITS, logits);
    }

    void clear() {
        size = 0;
    }

    int size() {
        return size;
    }

    int free() {
        return capacity - size;
    }

    /** Adds a row and returns its index (the index to sample from when {@code output} is set). */
    int add(int token, int position, int seq, boolean output) {
        if (size == capacity) {
            throw new IllegalStateException("batch full at " + capacity + " rows");
        }
        int row = size++;
        tokens.setAtIndex(JAVA_INT, row, token);
        positions.setAtIndex(JAVA_INT, row, position);
        seqIds.setAtIndex(JAVA_INT, row, seq);
        logits.setAtIndex(JAVA_BYTE, row, output ? (byte) 1 : (byte) 0);
        return row;
    }

    /** The struct to pass by value to llama_decode, with the current row count. */
    MemorySegment struct() {
        struct.set(JAVA_INT, NativeLayouts.BATCH_N_TOKENS, size);
        return struct;
    }

    @Override
    public void close() {
        arena.close();
    }
}
