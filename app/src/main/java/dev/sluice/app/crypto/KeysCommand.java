package dev.sluice.app.crypto;

import dev.sluice.schemas.crypto.LocalKeyProvider;
import dev.sluice.schemas.crypto.MasterKeyRotation;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code ./sluice keys status|rewrap}: master-key rotation for crypto-shredding. Configured like
 * {@code serve}, from {@code SLUICE_*} environment variables: {@code SLUICE_DB_URL} (and
 * {@code SLUICE_DB_PASSWORD} when the URL has none), {@code SLUICE_CRYPTO_MASTER_KEY} (the new key; else
 * the key file in {@code SLUICE_DATA_DIR}), {@code SLUICE_CRYPTO_PREVIOUS_MASTER_KEYS} (the old ones).
 * {@code status} counts the stored data keys per master key; {@code rewrap} moves every key wrapped by
 * a previous master key under the current one, in batches, while the roles keep running.
 */
public final class KeysCommand {
    private static final String USAGE = "usage: sluice keys status | sluice keys rewrap [--batch 500]\n"
            + "  env: SLUICE_DB_URL, SLUICE_DB_PASSWORD, SLUICE_CRYPTO_MASTER_KEY (the new key), SLUICE_CRYPTO_PREVIOUS_MASTER_KEYS (old keys, comma-separated)";

    private KeysCommand() {}

    public static int run(String[] args, Function<String, @Nullable String> env, PrintStream out, PrintStream err) {
        if (args.length == 0 || !(args[0].equals("status") || args[0].equals("rewrap"))) {
            err.println(USAGE);
            return 2;
        }
        int batch = 500;
        LocalKeyProvider provider;
        PGSimpleDataSource db = new PGSimpleDataSource();
        try {
            for (int i = 1; i < args.length; i++) {
                if (args[i].equals("--batch") && i + 1 < args.length) batch = Integer.parseInt(args[++i]);
                else throw new IllegalArgumentException("unknown argument " + args[i]);
            }
            if (batch < 1 || batch > 10_000) throw new IllegalArgumentException("--batch must be 1-10000");
            String url = env.apply("SLUICE_DB_URL");
            if (url == null || url.isBlank())
                throw new IllegalArgumentException(
                        "set SLUICE_DB_URL to the database (jdbc:postgresql://host:5432/sluice?user=sluice)");
            db.setURL(url);
            String password = or(env.apply("SLUICE_DB_PASSWORD"), env.apply("SPRING_DATASOURCE_PASSWORD"));
            if (password != null) db.setPassword(password);
            String master = orEmpty(env.apply("SLUICE_CRYPTO_MASTER_KEY"));
            Path dataDir = Path.of(orEmpty(or(env.apply("SLUICE_DATA_DIR"), ".sluice")));
            // Never make a key here: a rewrap under a key file made by mistake would lock every role out.
            if (master.isBlank() && !Files.exists(dataDir.resolve(LocalKeyProvider.FILE_NAME))) {
                throw new IllegalArgumentException(
                        "set SLUICE_CRYPTO_MASTER_KEY to the master key the roles use (or SLUICE_DATA_DIR to the dev"
                                + " data dir holding " + LocalKeyProvider.FILE_NAME + ")");
            }
            provider =
                    LocalKeyProvider.resolve(master, orEmpty(env.apply("SLUICE_CRYPTO_PREVIOUS_MASTER_KEYS")), dataDir);
        } catch (IllegalArgumentException e) {
            err.println("sluice keys: " + e.getMessage() + "\n" + USAGE);
            return 2;
        }
        MasterKeyRotation rotation = new MasterKeyRotation(db, provider, provider.previousIds());
        try {
            if (args[0].equals("status")) {
                print(out, rotation.counts(), provider);
                return 0;
            }
            MasterKeyRotation.Result result =
                    rotation.rewrap(batch, n -> err.println("sluice keys: rewrapped " + n + " data keys"));
            out.println("rewrapped " + result.rewrapped() + " data keys under " + provider.masterKeyId());
            print(out, result.remaining(), provider);
            long stranded = result.remaining().entrySet().stream()
                    .filter(e -> !e.getKey().equals(provider.masterKeyId()))
                    .count();
            if (stranded > 0) {
                err.println("sluice keys: some data keys are wrapped by a master key this command was not given"
                        + " (add it to SLUICE_CRYPTO_PREVIOUS_MASTER_KEYS and run rewrap again)");
            }
            return 0;
        } catch (SQLException e) {
            // SQL state only: PostgreSQL's message may quote values.
            err.println("sluice keys: the database failed (SQLState " + e.getSQLState()
                    + "): check SLUICE_DB_URL and SLUICE_DB_PASSWORD");
            return 1;
        } catch (RuntimeException e) {
            err.println("sluice keys: " + e.getMessage());
            return 1;
        }
    }

    private static void print(PrintStream out, Map<String, Integer> counts, LocalKeyProvider provider) {
        if (counts.isEmpty()) out.println("no data keys stored");
        counts.forEach((id, n) -> out.println(id
                + (id.equals(provider.masterKeyId())
                        ? " (master key)"
                        : provider.previousIds().contains(id)
                                ? " (previous master key)"
                                : " (not given to this command)")
                + ": " + n + " data keys"));
    }

    private static @Nullable String or(@Nullable String a, @Nullable String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    private static String orEmpty(@Nullable String s) {
        return s == null ? "" : s;
    }
}
