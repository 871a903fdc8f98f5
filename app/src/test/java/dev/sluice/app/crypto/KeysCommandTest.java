package dev.sluice.app.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.embedded.EmbeddedPostgresServer;
import dev.sluice.schemas.crypto.ContentScope;
import dev.sluice.schemas.crypto.DataKeyCipher;
import dev.sluice.schemas.crypto.JdbcDataKeyStore;
import dev.sluice.schemas.crypto.LocalKeyProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** {@code ./sluice keys}: a rotation from the command line against a real PostgreSQL, and its usage errors. */
class KeysCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return KeysCommand.run(
                args,
                env::get,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static byte[] key(int fill) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) fill);
        return k;
    }

    @Test
    void rewrapMovesTheStoredKeysAndStatusCountsThem() {
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.startTemporary(Map.of())) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(postgres.jdbcUrl());
            Flyway.configure()
                    .dataSource(ds)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            DataKeyCipher old =
                    new DataKeyCipher(new JdbcDataKeyStore(ds), new LocalKeyProvider(key(1)), Duration.ZERO);
            byte[] sealed = old.seal(
                    new ContentScope("alice", "conv-1"), new byte[0], "hello".getBytes(StandardCharsets.UTF_8));
            Map<String, String> env = Map.of(
                    "SLUICE_DB_URL",
                    postgres.jdbcUrl(),
                    "SLUICE_CRYPTO_MASTER_KEY",
                    Base64.getEncoder().encodeToString(key(2)),
                    "SLUICE_CRYPTO_PREVIOUS_MASTER_KEYS",
                    Base64.getEncoder().encodeToString(key(1)));

            assertThat(run(env, "status")).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .contains(LocalKeyProvider.idOf(key(1)) + " (previous master key): 1 data keys");
            assertThat(run(env, "rewrap", "--batch", "10")).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .contains("rewrapped 1 data keys under " + LocalKeyProvider.idOf(key(2)))
                    .contains(LocalKeyProvider.idOf(key(2)) + " (master key): 1 data keys");
            DataKeyCipher rotated =
                    new DataKeyCipher(new JdbcDataKeyStore(ds), new LocalKeyProvider(key(2)), Duration.ZERO);
            assertThat(new String(rotated.open(new byte[0], sealed), StandardCharsets.UTF_8))
                    .isEqualTo("hello");
        }
    }

    @Test
    void badUsageAndAMissingDatabaseAreSaidPlainly() {
        assertThat(run(Map.of())).isEqualTo(2);
        assertThat(run(Map.of(), "rewrap")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("set SLUICE_DB_URL");
        assertThat(run(
                        Map.of(
                                "SLUICE_DB_URL",
                                "jdbc:postgresql://127.0.0.1:1/none",
                                "SLUICE_DATA_DIR",
                                "target/no-such-dir"),
                        "rewrap"))
                .as("no master key given and no key file: refused, none made")
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("set SLUICE_CRYPTO_MASTER_KEY");
        assertThat(java.nio.file.Path.of("target/no-such-dir")).doesNotExist();
        assertThat(run(
                        Map.of(
                                "SLUICE_DB_URL",
                                "jdbc:postgresql://127.0.0.1:1/none",
                                "SLUICE_CRYPTO_MASTER_KEY",
                                Base64.getEncoder().encodeToString(key(2))),
                        "status"))
                .isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("the database failed (SQLState");
    }
}
