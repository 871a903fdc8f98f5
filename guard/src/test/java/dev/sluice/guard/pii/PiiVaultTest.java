package dev.sluice.guard.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.serde.Json;
import dev.sluice.guard.GuardConfig;
import dev.sluice.guard.GuardPipeline;
import org.junit.jupiter.api.Test;

class PiiVaultTest {

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
    void reidentifiesKnownPlaceholdersAndLeavesUnknownOnes() {
        PiiVault vault = new PiiVault();
        vault.placeholderFor(PiiTypes.EMAIL, "bob@example.com");

        assertThat(vault.reidentify("Reply to [EMAIL_1], not [EMAIL_7]")).isEqualTo("Reply to bob@example.com, not [EMAIL_7]");
    }

    @Test
    void roundTripsThroughJsonAndKeepsNumbering() {
        PiiVault vault = new PiiVault();
        vault.placeholderFor(PiiTypes.EMAIL, "bob@example.com");
        vault.placeholderFor(PiiTypes.IBAN, "DE89370400440532013000");

        String json = Json.MAPPER.writeValueAsString(vault);
        PiiVault back = Json.MAPPER.readValue(json, PiiVault.class);

        assertThat(back.size()).isEqualTo(2);
        assertThat(back.placeholderFor(PiiTypes.EMAIL, "bob@example.com")).isEqualTo("[EMAIL_1]");
        assertThat(back.placeholderFor(PiiTypes.EMAIL, "new@example.com")).isEqualTo("[EMAIL_2]");
    }

    @Test
    void travelsThroughTheSchemasJsonSerdeForAStateStore() {
        PiiVault vault = new PiiVault();
        vault.placeholderFor(PiiTypes.PHONE, "+1 415 555 0132");
        dev.sluice.schemas.serde.JsonSerde<PiiVault> serde = new dev.sluice.schemas.serde.JsonSerde<>(PiiVault.class);

        PiiVault back = serde.deserialize("t", serde.serialize("t", vault));

        assertThat(back.reidentify("call [PHONE_1]")).isEqualTo("call +1 415 555 0132");
    }

    @Test
    void neverPrintsValuesInToString() {
        PiiVault vault = new PiiVault();
        vault.placeholderFor(PiiTypes.EMAIL, "bob@example.com");

        assertThat(vault.toString()).doesNotContain("bob").contains("redacted");
        assertThat(vault.snapshot().toString()).doesNotContain("bob");
        assertThat(vault.snapshot().entries().getFirst().toString()).doesNotContain("bob");
    }

    @Test
    void pipelineKeepsPlaceholdersConsistentWithinAConversation() {
        GuardPipeline pipeline = new GuardPipeline(GuardConfig.defaults());
        PiiVault vault = new PiiVault();

        String first = pipeline.inspect("I'm bob@example.com", vault).masked();
        String second = pipeline.inspect("cc alice@example.com and BOB@example.com", vault).masked();

        assertThat(first).isEqualTo("I'm [EMAIL_1]");
        assertThat(second).isEqualTo("cc [EMAIL_2] and [EMAIL_1]");
        assertThat(vault.reidentify(second)).isEqualTo("cc alice@example.com and BOB@example.com".replace("BOB", "bob"));
    }
}
