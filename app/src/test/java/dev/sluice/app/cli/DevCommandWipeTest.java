package dev.sluice.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevCommandWipeTest {

    @Test
    void freshWithABrokerApartKeepsTheBrokersLogAndWipesTheRest(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve(".sluice");
        Files.createDirectories(data.resolve("kafka/chat.requests-0"));
        Files.writeString(data.resolve("kafka/meta.properties"), "node.id=1");
        Files.createDirectories(data.resolve("postgres"));
        Files.writeString(data.resolve("postgres/PG_VERSION"), "17");
        Files.writeString(data.resolve("dev-key.json"), "{}");

        DevCommand.wipe(data, data.resolve("kafka"), null);

        assertThat(data.resolve("kafka/meta.properties")).exists();
        assertThat(data.resolve("kafka/chat.requests-0")).isDirectory();
        assertThat(data.resolve("postgres")).doesNotExist();
        assertThat(data.resolve("dev-key.json")).doesNotExist();
    }

    @Test
    void freshWithTheEmbeddedBrokerWipesEverything(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve(".sluice");
        Files.createDirectories(data.resolve("kafka"));
        Files.writeString(data.resolve("kafka/meta.properties"), "node.id=1");

        DevCommand.wipe(data);

        assertThat(data).doesNotExist();
    }
}
