package dev.sluice.topology;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The PII vault the topology keeps per conversation ({@code sluice.pii.*}, env {@code SLUICE_PII_*}).
 *
 * @param vaultKey        base64 secret (32 bytes or more) for the vault's digests, the same on every topology instance;
 *                        blank: a key file made once in {@code sluice.data-dir}
 * @param vaultMaxEntries values of one conversation that get a numbered placeholder; further values are masked by
 *                        type alone
 */
@ConfigurationProperties("sluice.pii")
@Validated
public record PiiVaultSettings(
        @DefaultValue("") String vaultKey,
        @DefaultValue("512") @Min(0) int vaultMaxEntries) {

    /** The key is a secret: it stays out of logs and failure reports. */
    @Override
    public String toString() {
        return "PiiVaultSettings[vaultKey=" + (vaultKey.isBlank() ? "unset" : "***") + ", vaultMaxEntries="
                + vaultMaxEntries + "]";
    }
}
