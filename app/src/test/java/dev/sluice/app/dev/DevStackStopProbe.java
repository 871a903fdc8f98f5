package dev.sluice.app.dev;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * A child JVM for {@link DevStackStopTest}: the dev stack's Redis and PostgreSQL as dev mode starts
 * them, and a shutdown hook standing for the application's close. It waits a moment, as a closing
 * application would, then says whether both servers are still there, and only then closes the stack.
 */
public final class DevStackStopProbe {
    private DevStackStopProbe() {}

    public static void main(String[] args) throws Exception {
        // An external broker address: only Redis and PostgreSQL start (nothing connects to it).
        DevStack stack = DevStack.start(
                DataDirLock.acquire(Path.of(args[0])), "127.0.0.1:9", null, null, DevStack.Ports.ANY, false);
        Map<String, String> p = stack.properties();
        int redis = URI.create(p.get("sluice.redis.url")).getPort();
        int db = URI.create(p.get("sluice.db.url").substring("jdbc:".length())).getPort();
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.out.println("redis " + (reachable(redis) ? "alive" : "dead"));
            System.out.println("postgres " + (reachable(db) ? "alive" : "dead"));
            stack.close();
            System.out.println("closed");
        }));
        long redisPid = ProcessHandle.current()
                .descendants()
                .filter(h -> h.info().command().orElse("").contains("redis-server"))
                .findFirst()
                .orElseThrow()
                .pid();
        System.out.println("up " + redis + " " + db + " " + redisPid);
        Thread.sleep(Long.MAX_VALUE);
    }

    static boolean reachable(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
