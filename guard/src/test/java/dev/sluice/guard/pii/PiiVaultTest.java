package dev.sluice.guard.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.guard.GuardConfig;
import dev.sluice.guard.GuardPipeline;
import dev.sluice.schemas.serde.Json;
import dev.sluice.schemas.serde.JsonSerde;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PiiVaultTest {
    private static final byte[] KEY = "a test key of at least thirty-two bytes".getBytes();

    @Test
    void sameValueGetsTheSamePlaceholderAcrossTurnsAndSpellings() {
        PiiVault vault = new PiiVault();

        assertThat(vault.placeholderFor(PiiTypes.EMAIL, "Bob@Example.com")).isEqualTo("[EMAIL_1]");
        assertThat(vault.placeholderFor(PiiTypes.EMAIL, "eve@example.com")).isEqualTo("[EMAIL_2]");
        assertThat(vault.placeholderFor(PiiTypes.EMAIL, "bob@example.com")).isEqualTo("[EMAIL_1]");
        assertThat(vault.placeholderFor(PiiTypes.PHONE, "+1 415-555-0132")).isEqualTo("[PHONE_1]");
        assertThat(vault.placeholderFor(PiiTypes.PHONE, "+1 (415) 555 0132")).isEqualTo("[PHONE_1]");
    }

    @Test
    void itsSerializedFormHoldsNoValueInAnySpelling() {
        PiiVault vault = new PiiVault(KEY, PiiVault.DEFAULT_MAX_ENTRIES);
        vault.placeholderFor(PiiTypes.EMAIL, "Bob@Example.com");
        vault.placeholderFor(PiiTypes.CREDIT_CARD, "4111 1111 1111 1111");

        String json = new String(
                new JsonSerde<>(PiiVault.Snapshot.class).serialize("t", vault.snapshot()),
                java.nio.charset.StandardCharsets.UTF_8);

        assertThat(json)
                .contains("[EMAIL_1]", "[CREDIT_CARD_1]")
                .doesNotContainIgnoringCase("bob@example.com")
                .doesNotContain("4111", "1111111111111111");
    }

    @Test
    void restoredWithTheSameKeyItRecognisesItsValuesAndKeepsNumbering() {
        PiiVault vault = new PiiVault(KEY, PiiVault.DEFAULT_MAX_ENTRIES);
        vault.placeholderFor(PiiTypes.EMAIL, "bob@example.com");
        vault.placeholderFor(PiiTypes.IBAN, "DE89370400440532013000");
        JsonSerde<PiiVault.Snapshot> serde = new JsonSerde<>(PiiVault.Snapshot.class);

        PiiVault back = PiiVault.fromSnapshot(
                serde.deserialize("t", serde.serialize("t", vault.snapshot())), KEY, PiiVault.DEFAULT_MAX_ENTRIES);

        assertThat(back.size()).isEqualTo(2);
        assertThat(back.placeholderFor(PiiTypes.EMAIL, "BOB@example.com")).isEqualTo("[EMAIL_1]");
        assertThat(back.placeholderFor(PiiTypes.EMAIL, "new@example.com")).isEqualTo("[EMAIL_2]");
    }

    @Test
    void restoredUnderAnotherKeyItCannotMatchItsValuesButNeverReusesANumber() {
        PiiVault vault = new PiiVault(KEY, PiiVault.DEFAULT_MAX_ENTRIES);
        vault.placeholderFor(PiiTypes.EMAIL, "bob@example.com");
        byte[] other = Arrays.copyOf(KEY, KEY.length);
        other[0] ^= 1;

        PiiVault back = PiiVault.fromSnapshot(vault.snapshot(), other, PiiVault.DEFAULT_MAX_ENTRIES);

        assertThat(back.placeholderFor(PiiTypes.EMAIL, "bob@example.com")).isEqualTo("[EMAIL_2]");
    }

    @Test
    void vaultsOfOneKeyAgreeAndAKeyChangedInPlaceIsAnotherKey() {
        byte[] key = Arrays.copyOf(KEY, KEY.length);
        PiiVault first = new PiiVault(key, PiiVault.DEFAULT_MAX_ENTRIES);
        first.placeholderFor(PiiTypes.EMAIL, "bob@example.com");
        // Later vaults of the key are set up from a remembered prototype: same digests.
        for (int i = 0; i < 3; i++) {
            PiiVault next = PiiVault.fromSnapshot(first.snapshot(), key, PiiVault.DEFAULT_MAX_ENTRIES);
            assertThat(next.placeholderFor(PiiTypes.EMAIL, "bob@example.com")).isEqualTo("[EMAIL_1]");
        }
        // The caller's array changed: what was remembered for the old bytes must not answer for the new ones.
        key[1] ^= 1;
        PiiVault changed = PiiVault.fromSnapshot(first.snapshot(), key, PiiVault.DEFAULT_MAX_ENTRIES);
        assertThat(changed.placeholderFor(PiiTypes.EMAIL, "bob@example.com")).isEqualTo("[EMAIL_2]");
    }

    @Test
    void readsAnOlderVaultThatHeldValuesAndDropsThemOnTheNextWrite() {
        String older =
                "{\"entries\":[{\"placeholder\":\"[EMAIL_1]\",\"type\":\"EMAIL\",\"value\":\"bob@example.com\"}]}";

        PiiVault back = PiiVault.fromSnapshot(
                Json.MAPPER.readValue(older, PiiVault.Snapshot.class), KEY, PiiVault.DEFAULT_MAX_ENTRIES);

        assertThat(back.placeholderFor(PiiTypes.EMAIL, "eve@example.com")).isEqualTo("[EMAIL_2]");
        assertThat(Json.MAPPER.writeValueAsString(back.snapshot()))
                .contains("[EMAIL_1]")
                .doesNotContain("bob");
    }

    @Test
    void aFullVaultStillMasksButByTypeAlone() {
        PiiVault vault = new PiiVault(KEY, 2);
        vault.placeholderFor(PiiTypes.EMAIL, "a@example.com");
        vault.placeholderFor(PiiTypes.EMAIL, "b@example.com");

        assertThat(vault.placeholderFor(PiiTypes.EMAIL, "c@example.com")).isEqualTo("[EMAIL]");
        assertThat(vault.placeholderFor(PiiTypes.EMAIL, "a@example.com")).isEqualTo("[EMAIL_1]");
        assertThat(vault.size()).isEqualTo(2);
    }

    @Test
    void aBusyConversationsVaultStaysFarBelowAChangelogRecordLimit() {
        PiiVault vault = new PiiVault(KEY, PiiVault.DEFAULT_MAX_ENTRIES);
        for (int i = 0; i < 10_000; i++) vault.placeholderFor(PiiTypes.EMAIL, "user" + i + "@example.com");

        byte[] record = new JsonSerde<>(PiiVault.Snapshot.class).serialize("t", vault.snapshot());

        assertThat(vault.size()).isEqualTo(PiiVault.DEFAULT_MAX_ENTRIES);
        assertThat(record.length).isLessThan(128 * 1024);
    }

    @Test
    void neverPrintsValuesOrDigestsInToString() {
        PiiVault vault = new PiiVault(KEY, PiiVault.DEFAULT_MAX_ENTRIES);
        vault.placeholderFor(PiiTypes.EMAIL, "bob@example.com");
        String digest = vault.snapshot().entries().getFirst().digest();

        assertThat(List.of(
                        vault.toString(),
                        vault.snapshot().toString(),
                        vault.snapshot().entries().getFirst().toString()))
                .allSatisfy(s -> assertThat(s).doesNotContain("bob").doesNotContain(digest));
    }

    @Test
    void pipelineKeepsPlaceholdersConsistentWithinAConversation() {
        GuardPipeline pipeline = new GuardPipeline(GuardConfig.defaults());
        PiiVault vault = new PiiVault();

        String first = pipeline.inspect("I'm bob@example.com", vault).masked();
        String second = pipeline.inspect("cc alice@example.com and BOB@example.com", vault)
                .masked();

        assertThat(first).isEqualTo("I'm [EMAIL_1]");
        assertThat(second).isEqualTo("cc [EMAIL_2] and [EMAIL_1]");
    }
}
