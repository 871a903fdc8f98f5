package dev.sluice.worker.engine.ffm;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * One llama.cpp sequence id and the tokens its KV stream holds (positions 0..size-1). The
 * tokens stay after a request ends, so the next request with a shared prefix (the next turn
 * of the same conversation) decodes only what is new.
 */
final class Slot {
    final int seq;
    private int[] tokens = new int[256];
    private int size;

    @Nullable
    String affinityKey;

    long lastUsedNanos;

    @Nullable
    ActiveSequence active;

    Slot(int seq) {
        this.seq = seq;
    }

    int size() {
        return size;
    }

    void append(int token) {
        if (size == tokens.length) {
            tokens = Arrays.copyOf(tokens, size * 2);
        }
        tokens[size++] = token;
    }

    /** Forgets positions from {@code length} on (the caller trims the KV cache to match). */
    void truncate(int length) {
        size = Math.min(size, length);
    }

    /** How many leading tokens of {@code prompt} this slot already holds. */
    int commonPrefix(int[] prompt) {
        int n = Math.min(size, prompt.length);
        int i = 0;
        while (i < n && tokens[i] == prompt[i]) {
            i++;
        }
        return i;
    }
}
