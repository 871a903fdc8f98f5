package dev.sluice.schemas.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The ports {@link LocalPorts} may hand out: {@value #LOWEST} to 65535 minus the kernel's
 * ephemeral range. The kernel gives ports of that range to outgoing connections (and to
 * {@code bind(0)}), so a port picked inside it can be taken by any client between the pick and
 * the server's bind; outside it, only a process that binds the number on purpose can.
 * The floor keeps clear of well-known services and of dev mode's fixed ports (15432, 16379, 19092).
 */
record PortPool(List<Span> spans) {
    static final int LOWEST = 20_000;
    static final int HIGHEST = 65_535;
    /** Fewer ports than this outside the ephemeral range (a kernel told to use almost all): use them all, rely on retries. */
    static final int SMALLEST = 1_000;
    /** Linux's default when the range cannot be read (another OS, a restricted /proc). */
    private static final Span FALLBACK_EPHEMERAL = new Span(32_768, 60_999);

    record Span(int from, int to) {
        int size() {
            return to - from + 1;
        }
    }

    PortPool {
        spans = List.copyOf(spans);
    }

    /** Reads {@code /proc/sys/net/ipv4/ip_local_port_range} (two numbers) now, so a tuned kernel is respected. */
    static PortPool fromKernel(Path rangeFile) {
        return outside(ephemeral(rangeFile));
    }

    static Span ephemeral(Path rangeFile) {
        try {
            String[] parts = Files.readString(rangeFile).trim().split("\\s+");
            int low = Integer.parseInt(parts[0]);
            int high = Integer.parseInt(parts[1]);
            return low <= high ? new Span(low, high) : FALLBACK_EPHEMERAL;
        } catch (IOException | RuntimeException unreadable) {
            return FALLBACK_EPHEMERAL;
        }
    }

    static PortPool outside(Span ephemeral) {
        List<Span> spans = new ArrayList<>();
        if (ephemeral.from() > LOWEST) spans.add(new Span(LOWEST, Math.min(HIGHEST, ephemeral.from() - 1)));
        if (ephemeral.to() < HIGHEST) spans.add(new Span(Math.max(LOWEST, ephemeral.to() + 1), HIGHEST));
        PortPool pool = new PortPool(spans);
        return pool.size() >= SMALLEST ? pool : new PortPool(List.of(new Span(LOWEST, HIGHEST)));
    }

    int size() {
        return spans.stream().mapToInt(Span::size).sum();
    }

    /** The {@code index}-th port of the pool, 0 ≤ index < {@link #size()}. */
    int at(int index) {
        int rest = index;
        for (Span s : spans) {
            if (rest < s.size()) return s.from() + rest;
            rest -= s.size();
        }
        throw new IndexOutOfBoundsException(index + " of " + size());
    }

    boolean contains(int port) {
        return spans.stream().anyMatch(s -> port >= s.from() && port <= s.to());
    }
}
