package dev.sluice.it;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared test models; a missing one fails the test with a message, never a silent skip. */
public final class Models {
    public static Path require(String file) {
        String dir = System.getProperty("sluice.models.dir", "../../shared/models");
        Path path = Path.of(dir, file).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(
                    "test model " + path + " is missing: tests read models from ../shared/models "
                            + "(system property sluice.models.dir); never commit model files");
        }
        return path;
    }

    private Models() {}
}
