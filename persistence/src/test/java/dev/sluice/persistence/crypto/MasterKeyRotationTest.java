package dev.sluice.persistence.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.persistence.testing.EmbeddedPostgresServer;
import dev.sluice.schemas.crypto.ContentScope;
import dev.sluice.schemas.crypto.DataKeyCipher;
import dev.sluice.schemas.crypto.JdbcDataKeyStore;
import dev.sluice.schemas.crypto.KeysUnavailableException;
import dev.sluice.schemas.crypto.LocalKeyProvider;
import dev.sluice.schemas.crypto.MasterKeyRotation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Master-key rotation over a real data_keys table: rewrap, then only the new key is needed. */
class MasterKeyRotationTest {
    private static EmbeddedPostgresServer postgres;
    private static final byte[] AAD = "aad".getBytes(StandardCharsets.UTF_8);

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgresServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) postgres.close();
    }

    private static byte[] key(int fill) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) fill);
        return k;
    }

    private static DataKeyCipher cipher(LocalKeyProvider provider) {
        return new DataKeyCipher(new JdbcDataKeyStore(postgres.dataSource()), provider, Duration.ZERO);
    }

    @Test
    void rewrapMovesEveryKeyUnderTheNewMasterKeyAndEveryRecordStaysReadable() throws Exception {
        DataKeyCipher before = cipher(new LocalKeyProvider(key(1)));
        List<byte[]> sealed = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            sealed.add(before.seal(
                    new ContentScope("user" + i, "conv-rotate-" + i),
                    AAD,
                    ("text " + i).getBytes(StandardCharsets.UTF_8)));
        }
        // A key wrapped by a master key the command is not given: left alone, and counted.
        cipher(new LocalKeyProvider(key(9))).require(new ContentScope("eve", "conv-stranger"));
        LocalKeyProvider rotated = new LocalKeyProvider(key(2), List.of(key(1)));

        // During the rotation the roles hold both keys: old keys open, new ones are wrapped by the new key.
        assertThat(new String(cipher(rotated).open(AAD, sealed.get(0)), StandardCharsets.UTF_8))
                .isEqualTo("text 0");
        List<Integer> progress = new ArrayList<>();
        MasterKeyRotation.Result result =
                new MasterKeyRotation(postgres.dataSource(), rotated, rotated.previousIds()).rewrap(10, progress::add);

        assertThat(result.rewrapped()).isEqualTo(25);
        assertThat(progress).containsExactly(10, 20, 25);
        assertThat(result.remaining())
                .containsEntry(LocalKeyProvider.idOf(key(2)), 25)
                .containsEntry(LocalKeyProvider.idOf(key(9)), 1)
                .hasSize(2);
        DataKeyCipher after = cipher(new LocalKeyProvider(key(2)));
        for (int i = 0; i < sealed.size(); i++) {
            assertThat(new String(after.open(AAD, sealed.get(i)), StandardCharsets.UTF_8))
                    .isEqualTo("text " + i);
        }
        assertThatThrownBy(() -> before.open(AAD, sealed.get(0)))
                .as("the old master key alone")
                .isInstanceOf(KeysUnavailableException.class)
                .hasMessageContaining("previous-master-keys");
        assertThat(new MasterKeyRotation(postgres.dataSource(), rotated, rotated.previousIds())
                        .rewrap(10, progress::add)
                        .rewrapped())
                .as("a second run")
                .isZero();
    }
}
