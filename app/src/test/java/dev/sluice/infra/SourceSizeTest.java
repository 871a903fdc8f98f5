package dev.sluice.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No production class grows past 300 lines (docs/architecture.md): a class that does is doing
 * two things, and the second one belongs in a class of its own that can be tested alone.
 */
class SourceSizeTest {
    private static final int MAX_LINES = 300;

    @Test
    void noProductionSourceFileIsLongerThan300Lines() throws IOException {
        List<Path> sources;
        try (Stream<Path> modules = Files.list(Repo.ROOT)) {
            sources = modules.map(m -> m.resolve("src/main/java"))
                    .filter(Files::isDirectory)
                    .flatMap(SourceSizeTest::javaFiles)
                    .toList();
        }
        assertThat(sources).as("production sources found under " + Repo.ROOT).hasSizeGreaterThan(100);
        List<String> tooLong = sources.stream()
                .filter(p -> lines(p) > MAX_LINES)
                .map(p -> Repo.ROOT.relativize(p) + " (" + lines(p) + " lines)")
                .toList();
        assertThat(tooLong)
                .as("classes over " + MAX_LINES + " lines: split them")
                .isEmpty();
    }

    private static Stream<Path> javaFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long lines(Path p) {
        try (Stream<String> lines = Files.lines(p)) {
            return lines.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
