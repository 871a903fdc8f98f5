package dev.sluice.worker.engine.openai;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The servers and how many requests each runs now. A request goes to the least-loaded server
 * with room, skipping servers it already failed on; it waits when every server is full.
 */
final class ServerPool {
    private final List<Server> servers = new ArrayList<>();
    private final int perServer;

    static final class Server {
        final URI base;
        int inFlight;

        Server(URI base) {
            this.base = base;
        }
    }

    ServerPool(List<URI> bases, int perServer) {
        bases.forEach(b -> servers.add(new Server(b)));
        this.perServer = perServer;
    }

    int capacity() {
        return servers.size() * perServer;
    }

    int size() {
        return servers.size();
    }

    /**
     * The least-loaded server not in {@code tried}, waiting for room; null when every server
     * has been tried.
     */
    synchronized @Nullable Server acquire(Set<URI> tried) throws InterruptedException {
        while (true) {
            Server best = null;
            boolean untriedExists = false;
            for (Server s : servers) {
                if (tried.contains(s.base)) {
                    continue;
                }
                untriedExists = true;
                if (s.inFlight < perServer && (best == null || s.inFlight < best.inFlight)) {
                    best = s;
                }
            }
            if (!untriedExists) {
                return null;
            }
            if (best != null) {
                best.inFlight++;
                return best;
            }
            wait();
        }
    }

    synchronized void release(Server s) {
        s.inFlight--;
        notifyAll();
    }

    synchronized int inFlight(URI base) {
        return servers.stream()
                .filter(s -> s.base.equals(base))
                .mapToInt(s -> s.inFlight)
                .sum();
    }
}
