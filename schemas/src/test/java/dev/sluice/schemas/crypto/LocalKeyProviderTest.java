package dev.sluice.schemas.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKeyProviderTest {
    private static byte[] key(int fill) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) fill);
        return k;
    }

    @Test
    void previousKeysUnwrapWhatTheyWrappedButNeverWrap(@TempDir java.nio.file.Path dir) {
        byte[] context = "ctx".getBytes(StandardCharsets.UTF_8);
        LocalKeyProvider old = new LocalKeyProvider(key(1));
        byte[] wrapped = old.wrap(key(7), context);
        String b64 = Base64.getEncoder().encodeToString(key(2));
        LocalKeyProvider rotated =
                LocalKeyProvider.resolve(b64, Base64.getEncoder().encodeToString(key(1)), dir);

        assertThat(rotated.masterKeyId()).isEqualTo(LocalKeyProvider.idOf(key(2)));
        assertThat(rotated.previousIds()).containsExactly(old.masterKeyId());
        assertThat(rotated.unwrap(old.masterKeyId(), wrapped, context)).containsExactly(key(7));
        assertThat(new LocalKeyProvider(key(2)).unwrap(rotated.masterKeyId(), rotated.wrap(key(7), context), context))
                .containsExactly(key(7));
    }

    @Test
    void aKeyOfAnUnknownMasterKeySaysWhereAnEarlierKeyBelongs() {
        LocalKeyProvider old = new LocalKeyProvider(key(1));
        byte[] wrapped = old.wrap(key(7), new byte[0]);

        assertThatThrownBy(
                        () -> new LocalKeyProvider(key(2), List.of()).unwrap(old.masterKeyId(), wrapped, new byte[0]))
                .isInstanceOf(KeysUnavailableException.class)
                .hasMessageContaining("sluice.crypto.previous-master-keys");
        assertThatThrownBy(() -> LocalKeyProvider.resolve("", "not-base64!", java.nio.file.Path.of("/nonexistent")))
                .hasMessageContaining("sluice.crypto.previous-master-keys");
    }
}
