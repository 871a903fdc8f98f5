package dev.sluice.app.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CryptoSettingsTest {

    @Test
    void acceptsThirtyTwoBytesOfBase64OrNoKeyAtAll() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(new CryptoSettings(true, key, Duration.ofMinutes(2), "").masterKey())
                .isEqualTo(key);
        assertThat(new CryptoSettings(true, "", Duration.ZERO, "").enabled()).isTrue();
    }

    @Test
    void refusesAKeyOfAnotherSizeOrNotBase64AndAnUnboundedCache() {
        assertThatThrownBy(() -> new CryptoSettings(
                        true, Base64.getEncoder().encodeToString(new byte[16]), Duration.ofMinutes(2), ""))
                .hasMessageContaining("sluice.crypto.master-key must be 32 bytes");
        assertThatThrownBy(() -> new CryptoSettings(true, "not base64!", Duration.ofMinutes(2), ""))
                .hasMessageContaining("not base64");
        assertThatThrownBy(() -> new CryptoSettings(true, "", Duration.ofHours(2), ""))
                .hasMessageContaining("key-cache-ttl");
        assertThatThrownBy(() -> new CryptoSettings(true, "", Duration.ofSeconds(-1), ""))
                .hasMessageContaining("key-cache-ttl");
    }

    @Test
    void previousMasterKeysAreCheckedLikeTheMasterKey() {
        String a = Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(new CryptoSettings(true, "", Duration.ZERO, a + ", " + a).previousMasterKeys())
                .contains(a);
        assertThatThrownBy(() -> new CryptoSettings(true, "", Duration.ZERO, a + ",abc"))
                .hasMessageContaining("sluice.crypto.previous-master-keys");
    }
}
