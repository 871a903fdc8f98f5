package dev.sluice.app.cli;

import dev.sluice.app.dev.DevPort;
import dev.sluice.embedded.EmbeddedKafka;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code sluice broker [--port N] [--data-dir DIR] [--fresh]}: dev mode's single-node KRaft
 * broker alone, in its own process, so a benchmark can measure the broker's CPU apart from
 * Sluice's, as deployed, and {@code sluice dev --kafka} can use it. Same data directory as dev
 * mode's embedded broker ({@code ./.sluice/kafka}): topics survive switching between the two.
 */
public final class BrokerCommand {

    /** Returns once the broker runs; a shutdown hook (SIGTERM, Ctrl-C) stops it cleanly. */
    public static EmbeddedKafka start(String[] args, PrintStream out) {
        Args a = Args.parse(args);
        if (a.rest().length > 0)
            throw new IllegalArgumentException("sluice broker: unknown arguments " + String.join(" ", a.rest()));
        Path dataDir = DevCommand.dataDir(a);
        Path logDir = dataDir.resolve("kafka");
        if (a.flag("fresh")) DevCommand.wipe(logDir);
        QuietLogs.apply();
        String portOption = a.get("port");
        int port = portOption != null ? port(portOption) : DevPort.KAFKA.resolve(DevCommand::env, out::println);
        EmbeddedKafka kafka = new EmbeddedKafka(logDir, port).start();
        Runtime.getRuntime()
                .addShutdownHook(Thread.ofPlatform().name("sluice-broker-stop").unstarted(() -> {
                    out.println("sluice broker: stopping");
                    try {
                        kafka.close();
                        out.println("sluice broker: stopped (" + logDir + ")");
                    } catch (RuntimeException e) {
                        out.println("sluice broker: did not stop cleanly: " + e);
                    }
                }));
        out.printf(
                "sluice broker: ready at %s (data: %s)%n  Use it: ./sluice dev --kafka %s   or   SLUICE_KAFKA_BOOTSTRAP=%s%n",
                kafka.bootstrap(), logDir, kafka.bootstrap(), kafka.bootstrap());
        return kafka;
    }

    /** {@code sluice broker}: runs until the process is told to stop. */
    public static void run(String[] args, PrintStream out) throws InterruptedException {
        start(args, out);
        new CountDownLatch(1).await();
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65_535) return port;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(
                "--port needs a port number (1-65535, or 0 for any free one), not '" + value + "'");
    }

    private BrokerCommand() {}
}
