package dev.sluice.app.cli;

import dev.sluice.gateway.auth.DevKey;
import dev.sluice.gateway.auth.DevTokens;
import dev.sluice.gateway.auth.KeyPairTokens;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * {@code sluice token USER [--ttl 1h]}: a JWT for the dev stack (signed with the dev key of the
 * data dir), or with {@code --private-key FILE --issuer ISS --audience AUD} for a deployment whose
 * gateways verify the matching public key. Short-lived by default: a token pasted into a shell
 * history or a ticket should stop working soon.
 */
public final class TokenCommand {
    static final String DEFAULT_TTL = "1h";
    static final String USAGE = "usage: sluice token USER [--ttl 1h] [--data-dir DIR]\n"
            + "       sluice token USER --private-key FILE.pem --issuer ISS --audience AUD [--ttl 1h]";

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Args a;
        try {
            a = Args.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("sluice token: " + e.getMessage() + "\n" + USAGE);
            return 2;
        }
        if (a.rest().length != 1) {
            err.println(USAGE);
            return 2;
        }
        Duration ttl;
        try {
            ttl = Duration.parse("PT" + a.get("ttl", DEFAULT_TTL).toUpperCase());
        } catch (DateTimeParseException e) {
            err.println("sluice token: --ttl takes a duration such as 15m, 1h or 24h");
            return 2;
        }
        if (ttl.isNegative() || ttl.isZero()) {
            err.println("sluice token: --ttl must be positive");
            return 2;
        }
        String user = a.rest()[0];
        try {
            String privateKey = a.get("private-key");
            if (privateKey != null) {
                out.println(KeyPairTokens.fromPem(Path.of(privateKey), a.get("issuer"), a.get("audience"))
                        .mint(user, ttl));
                return 0;
            }
            Path dataDir = Path.of(a.get("data-dir", System.getenv().getOrDefault("SLUICE_DATA_DIR", ".sluice")));
            Optional<byte[]> key = DevKey.existing(dataDir);
            if (key.isEmpty()) {
                err.println("sluice token: no dev key in " + dataDir.toAbsolutePath()
                        + "; start ./sluice dev first (it creates one), "
                        + "or mint for a deployment with --private-key FILE --issuer ISS --audience AUD");
                return 2;
            }
            out.println(new DevTokens(key.get()).mint(user, ttl));
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("sluice token: " + e.getMessage());
            return 2;
        }
    }

    private TokenCommand() {}
}
