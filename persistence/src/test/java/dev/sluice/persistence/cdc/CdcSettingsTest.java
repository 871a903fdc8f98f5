package dev.sluice.persistence.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CdcSettingsTest {

    @Test
    void logsInAsTheJdbcUrlsUserLikeTheDriverDoesNotAsADefaultSuperuser() {
        // The deployments' URL: user in the query, password from SPRING_DATASOURCE_PASSWORD, no datasource username.
        CdcSettings s = CdcSettings.fromJdbcUrl(
                "jdbc:postgresql://postgres:5432/sluice?user=sluice", "", "s3cret", "kafka:9092", (short) 3);
        assertThat(s.user()).isEqualTo("sluice");
        assertThat(s.password()).isEqualTo("s3cret");
        assertThat(s.host()).isEqualTo("postgres");
        assertThat(s.database()).isEqualTo("sluice");
    }

    @Test
    void urlParametersWinOverTheDatasourcePropertiesAsInPgjdbc() {
        CdcSettings s = CdcSettings.fromJdbcUrl(
                "jdbc:postgresql://db/app?reWriteBatchedInserts=true&user=app%40prod&password=p%26w",
                "other", "nope", "k:9092", (short) 1);
        assertThat(s.user()).isEqualTo("app@prod");
        assertThat(s.password()).isEqualTo("p&w");
        assertThat(s.port()).isEqualTo(5432);
    }

    @Test
    void datasourceUsernameIsUsedWhenTheUrlNamesNoUserAndPostgresOnlyAsTheLastResort() {
        assertThat(CdcSettings.fromJdbcUrl("jdbc:postgresql://db:5433/app", "auditor", "pw", "k:9092", (short) 1)
                        .user())
                .isEqualTo("auditor");
        assertThat(CdcSettings.fromJdbcUrl("jdbc:postgresql://db:5433/app", null, null, "k:9092", (short) 1)
                        .user())
                .isEqualTo("postgres");
    }

    @Test
    void itsTextNeverHoldsThePassword() {
        CdcSettings s = CdcSettings.fromJdbcUrl(
                "jdbc:postgresql://db/app?user=u&password=hunter2", null, null, "k:9092", (short) 1);
        assertThat(s.toString()).contains("u@db").doesNotContain("hunter2");
    }
}
