package dev.sluice.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every production package is {@code @NullMarked} (docs/architecture.md, "Null safety"): NullAway
 * checks only marked code, so a package without the mark would silently go unchecked.
 */
class NullMarkedPackagesTest {

    @Test
    void everyProductionPackageIsNullMarked() throws IOException {
        List<Path> packages;
        try (Stream<Path> modules = Files.list(Repo.ROOT)) {
            packages = modules.map(m -> m.resolve("src/main/java"))
                    .filter(Files::isDirectory)
                    .flatMap(NullMarkedPackagesTest::packagesUnder)
                    .toList();
        }
        assertThat(packages).as("production packages found under " + Repo.ROOT).hasSizeGreaterThan(50);
        List<String> unmarked = packages.stream()
                .filter(p -> !nullMarked(p.resolve("package-info.java")))
                .map(p -> Repo.ROOT.relativize(p).toString())
                .toList();
        assertThat(unmarked)
                .as("packages without a package-info.java that says @NullMarked (org.jspecify.annotations)")
                .isEmpty();
    }

    /** The directories that hold Java sources. */
    private static Stream<Path> packagesUnder(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java")).map(Path::getParent).distinct().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean nullMarked(Path packageInfo) {
        if (!Files.isRegularFile(packageInfo)) return false;
        try {
            String text = Files.readString(packageInfo);
            return text.contains("@NullMarked") && text.contains("import org.jspecify.annotations.NullMarked;");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
