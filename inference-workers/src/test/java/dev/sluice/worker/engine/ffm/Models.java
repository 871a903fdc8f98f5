package dev.sluice.worker.engine.ffm;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared test models; a missing one fails the test with the reason instead of skipping it. */
final class Models {
    private Models() {}

    static Path path(String file) {
        String dir = System.getProperty("sluice.models.dir", "../shared/models");
        Path p = Path.of(dir, file);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("test model " + p.toAbsolutePath()
                    + " is missing: tests need ../shared/models (set -Dsluice.models.dir)");
        }
        return p;
    }
}
