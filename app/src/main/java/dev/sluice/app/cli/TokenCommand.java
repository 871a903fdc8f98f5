package dev.sluice.app.cli;

import dev.sluice.gateway.auth.DevKey;
import dev.sluice.gateway.auth.DevTokens;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/** {@code sluice token USER [--ttl 24h]}: prints a JWT signed with the dev key of the data dir. */
public final class TokenCommand {

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Args a = Args.parse(args);
        if (a.rest().length != 1) {
            err.println("usage: sluice token USER [--ttl 24h] [--data-dir DIR]");
            return 2;
        }
        Duration ttl;
        try {
            String t = a.get("ttl", "720h");
            ttl = Duration.parse("PT" + t.toUpperCase());
        } catch (DateTimeParseException e) {
            err.println("--ttl takes a duration such as 30m, 24h or 720h");
            return 2;
        }
        String dataDir = a.get("data-dir", System.getenv().getOrDefault("SLUICE_DATA_DIR", ".sluice"));
        try {
            out.println(new DevTokens(DevKey.loadOrCreate(Path.of(dataDir))).mint(a.rest()[0], ttl));
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("sluice token: " + e.getMessage());
            return 2;
        }
    }

    private TokenCommand() {
    }
}
