package dev.sluice.worker.engine.ffm;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Turns token bytes into text a client may see: joins UTF-8 sequences split across tokens,
 * and holds back any tail that could still become a stop string, so a stop string is never
 * streamed and then retracted.
 */
final class TextOutput {
    private final List<String> stops;
    private byte[] pendingBytes = new byte[0];
    private String held = "";
    private boolean stopped;

    TextOutput(List<String> stops) {
        this.stops = stops.stream().filter(s -> !s.isEmpty()).toList();
    }

    /** Adds one token's bytes; returns the text that is now safe to stream (often empty). */
    String accept(byte[] bytes) {
        if (stopped) {
            return "";
        }
        byte[] all = concat(pendingBytes, bytes);
        int complete = completeUtf8Prefix(all);
        pendingBytes = Arrays.copyOfRange(all, complete, all.length);
        held += new String(all, 0, complete, StandardCharsets.UTF_8);
        int stopAt = earliestStop(held);
        if (stopAt >= 0) {
            stopped = true;
            String out = held.substring(0, stopAt);
            held = "";
            return out;
        }
        int keep = longestStopPrefixSuffix(held);
        String out = held.substring(0, held.length() - keep);
        held = held.substring(held.length() - keep);
        return out;
    }

    /** True once a stop string appeared; the text before it has been returned, nothing after. */
    boolean stopped() {
        return stopped;
    }

    /** Text still held back at the end of the sequence (a partial stop string is just text then). */
    String flush() {
        if (stopped) {
            return "";
        }
        String out = held + new String(pendingBytes, StandardCharsets.UTF_8);
        held = "";
        pendingBytes = new byte[0];
        return out;
    }

    private int earliestStop(String text) {
        int best = -1;
        for (String stop : stops) {
            int i = text.indexOf(stop);
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }

    private int longestStopPrefixSuffix(String text) {
        int keep = 0;
        for (String stop : stops) {
            for (int len = Math.min(stop.length() - 1, text.length()); len > keep; len--) {
                if (text.regionMatches(text.length() - len, stop, 0, len)) {
                    keep = len;
                    break;
                }
            }
        }
        return keep;
    }

    /** Length of the longest prefix that ends on a UTF-8 character boundary. */
    static int completeUtf8Prefix(byte[] b) {
        int n = b.length;
        for (int back = 1; back <= Math.min(3, n); back++) {
            int c = b[n - back] & 0xFF;
            if ((c & 0xC0) == 0x80) {
                continue; // continuation byte: keep looking for the lead byte
            }
            int need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            return need > back ? n - back : n;
        }
        return n;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        if (a.length == 0) {
            return b;
        }
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
