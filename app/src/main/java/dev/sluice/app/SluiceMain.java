package dev.sluice.app;

import dev.sluice.app.cli.BrokerCommand;
import dev.sluice.app.cli.DevCommand;
import dev.sluice.app.cli.ServeCommand;
import dev.sluice.app.cli.TokenCommand;
import dev.sluice.app.kafka.KafkaSetupCommand;
import dev.sluice.guard.GuardCli;
import java.util.Arrays;

/**
 * Entry point of the one jar: {@code dev} (everything, embedded infrastructure), {@code serve}
 * (the roles in {@code sluice.roles} against external infrastructure), {@code token USER}.
 */
public final class SluiceMain {

    public static void main(String[] args) throws InterruptedException {
        String command = args.length == 0 ? "serve" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        logFormat(command);
        try {
            switch (command) {
                case "dev" -> DevCommand.run(rest);
                case "broker" -> BrokerCommand.run(rest, System.out);
                case "serve" -> ServeCommand.run(rest);
                case "kafka-setup" -> System.exit(KafkaSetupCommand.run(System::getenv, System.out, System.err));
                case "token" -> System.exit(TokenCommand.run(rest, System.out, System.err));
                case "guard" -> System.exit(GuardCli.run(rest, System.in, System.out, System.err));
                case "keys" ->
                    System.exit(dev.sluice.app.crypto.KeysCommand.run(rest, System::getenv, System.out, System.err));
                case "help", "--help", "-h" -> usage();
                default -> {
                    System.err.println("unknown command: " + command);
                    usage();
                    System.exit(2);
                }
            }
        } catch (RuntimeException e) {
            // Embedded servers and native threads would keep a half-started JVM alive: exit.
            System.err.println("sluice: " + describe(e));
            if (System.getenv("SLUICE_DEBUG") != null) e.printStackTrace();
            System.exit(1);
        }
    }

    /**
     * Structured JSON logs (Logstash layout: MDC fields such as requestId on every line) for
     * served roles; dev mode prints plain text unless SLUICE_LOG_FORMAT asks otherwise.
     */
    private static void logFormat(String command) {
        // Offline commands print results on stdout; without this, logback's default sends library logs there too.
        if ("guard".equals(command)
                || "token".equals(command)
                || "kafka-setup".equals(command)
                || "keys".equals(command)) System.setProperty("logback.configurationFile", "sluice-cli-logback.xml");
        String requested = System.getenv("SLUICE_LOG_FORMAT");
        String format = requested != null ? requested : "serve".equals(command) ? "logstash" : "text";
        if (!"text".equals(format)) System.setProperty("logging.structured.format.console", format);
    }

    /** The first non-empty message down the cause chain, so the user sees what went wrong. */
    static String describe(Throwable e) {
        String found = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) found = t.getMessage();
        }
        if (found != null) return found;
        return e.getClass().getSimpleName();
    }

    private static void usage() {
        System.out.println("""
                usage: sluice dev [--model FILE.gguf | --engine-url URL [--engine-model NAME]] [--engine ffm|llamacpp] [--port N] [--host ADDR] [--fresh] [--data-dir DIR] [--inline-worker] [--kafka HOST:PORT]
                       sluice broker [--port N] [--data-dir DIR] [--fresh]   (the dev KRaft broker alone, in its own process)
                       sluice serve            (roles from sluice.roles / SLUICE_ROLES; dev mode refused)
                       sluice kafka-setup      (topics, role users and ACLs on a SASL cluster; SLUICE_KAFKA_* settings, see docs/security.md)
                       sluice token USER [--ttl 1h] [--data-dir DIR]                                   (dev stack)
                       sluice token USER --private-key FILE.pem --issuer ISS --audience AUD [--ttl 1h] (a deployment)
                       sluice guard FILE.jsonl  (the security pipeline over {"id","text"} lines; '-' reads stdin)
                       sluice guard train DATA.jsonl --out HEADS.json  (retrain the guard's classifier heads)
                       sluice keys status | rewrap [--batch N]  (master-key rotation: SLUICE_DB_URL, SLUICE_CRYPTO_*; docs/data-protection.md)
                """);
    }

    private SluiceMain() {}
}
