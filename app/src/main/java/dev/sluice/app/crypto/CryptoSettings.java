package dev.sluice.app.crypto;

import java.time.Duration;
import java.util.Base64;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Crypto-shredding ({@code sluice.crypto.*}, env {@code SLUICE_CRYPTO_*}), validated here so a
 * bad value stops the start with its name.
 *
 * @param enabled       seal content on every topic and changelog with the conversation's data key;
 *                      false writes plain JSON as before (records already sealed then need it back on to be read)
 * @param masterKey     base64 of 32 bytes wrapping every data key; empty: a key file made once
 *                      (mode 600) in {@code sluice.data-dir}. Every role of a deployment needs the same one
 * @param keyCacheTtl   how long a role uses an unwrapped data key before asking the key store
 *                      again; an erasure drops it at once through {@code chat.erasures}
 * @param previousMasterKeys earlier master keys (base64 of 32 bytes, comma-separated) still used to
 *                      unwrap the data keys they wrapped, never to wrap new ones: set during a rotation
 *                      until {@code ./sluice keys rewrap} has moved every key under the master key
 */
@ConfigurationProperties("sluice.crypto")
public record CryptoSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("") String masterKey,
        @DefaultValue("2m") Duration keyCacheTtl,
        @DefaultValue("") String previousMasterKeys) {

    public CryptoSettings {
        if (keyCacheTtl.isNegative() || keyCacheTtl.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException(
                    "sluice.crypto.key-cache-ttl must be between 0 and 1h, not " + keyCacheTtl);
        }
        if (!masterKey.isBlank()) check("sluice.crypto.master-key", masterKey);
        for (String previous : previousMasterKeys.split(",")) {
            if (!previous.isBlank()) check("sluice.crypto.previous-master-keys", previous);
        }
    }

    private static void check(String name, String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not base64");
        }
        if (key.length != 32)
            throw new IllegalArgumentException(name + " must be 32 bytes (openssl rand -base64 32), not " + key.length);
    }
}
