package dev.sluice.topology.context;

import dev.sluice.schemas.event.ChatMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * How much of a conversation the topology keeps: at most {@code maxTurns} turns and
 * {@code maxBytes} of their JSON. Without a bound every turn was appended for good, and one
 * conversation's state record grew past the broker's 1 MiB message limit (about nine 128k-character
 * turns): its changelog write failed, and the stream task failed again on every retry.
 *
 * <p>The bound also caps what the topology writes per request: a prompt carries at most the
 * kept turns twice (as messages and rendered), so {@link #MAX_BYTES_CEILING} keeps it under 1 MiB.
 */
public record HistoryLimits(int maxTurns, int maxBytes) {
    /** Twice this (a prompt's messages and its rendering) plus ids stays below a 1 MiB record. */
    public static final int MAX_BYTES_CEILING = 400 * 1024;
    /** Role, braces and quotes of one turn in JSON. */
    static final int TURN_OVERHEAD = 32;

    public HistoryLimits {
        if (maxTurns < 2)
            throw new IllegalArgumentException("sluice.context.max-turns must be at least 2, was " + maxTurns);
        if (maxBytes < 1024 || maxBytes > MAX_BYTES_CEILING) {
            throw new IllegalArgumentException("sluice.context.max-bytes must be between 1KB and "
                    + MAX_BYTES_CEILING / 1024 + "KB, was " + maxBytes);
        }
    }

    /** 200 turns, 256 KiB: about 75,000 tokens of English, more than the context of the models served here. */
    public static HistoryLimits defaults() {
        return new HistoryLimits(200, 256 * 1024);
    }

    /**
     * The turns to keep, in their order: the newest turn (the message being answered) whenever it
     * fits alone, then system turns (newest first while they fit), then the newest other turns
     * while they fit; the oldest are dropped, and never a turn in the middle (history stays
     * contiguous). {@link #fits} lets a caller refuse a newest turn that cannot fit first.
     */
    public List<ChatMessage> bound(List<ChatMessage> turns) {
        int n = turns.size();
        boolean[] keep = new boolean[n];
        int bytes = 0;
        int count = 0;
        if (n > 0 && fits(turns.get(n - 1))) {
            keep[n - 1] = true;
            bytes = bytes(turns.get(n - 1));
            count = 1;
        }
        for (int i = n - 2; i >= 0; i--) {
            if (!"system".equals(turns.get(i).role())) continue;
            int cost = bytes(turns.get(i));
            if (count + 1 > maxTurns || bytes + cost > maxBytes) continue;
            keep[i] = true;
            bytes += cost;
            count++;
        }
        for (int i = n - 2; i >= 0; i--) {
            if ("system".equals(turns.get(i).role())) continue;
            int cost = bytes(turns.get(i));
            if (count + 1 > maxTurns || bytes + cost > maxBytes) break;
            keep[i] = true;
            bytes += cost;
            count++;
        }
        List<ChatMessage> kept = new ArrayList<>(count);
        for (int i = 0; i < n; i++) if (keep[i]) kept.add(turns.get(i));
        return kept.size() == n ? turns : kept;
    }

    /** Whether one turn fits the bound on its own. */
    public boolean fits(ChatMessage turn) {
        return bytes(turn) <= maxBytes;
    }

    /** The size of a turn as JSON: UTF-8, with the escapes Jackson writes (two bytes for a quote or newline, six for other control characters). */
    public static int bytes(ChatMessage turn) {
        return TURN_OVERHEAD + jsonBytes(turn.role()) + jsonBytes(turn.content());
    }

    static int jsonBytes(String s) {
        if (s == null) return 4;
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') n += 2;
            else if (c < 0x20) n += c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f' ? 2 : 6;
            else if (c < 0x80) n += 1;
            else if (c < 0x800) n += 2;
            else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else n += 3;
        }
        return n;
    }
}
