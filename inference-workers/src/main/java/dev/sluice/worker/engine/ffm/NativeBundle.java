package dev.sluice.worker.engine.ffm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * llama.cpp's shared libraries as the build packs them into the jar ({@code sluice-native/llama-v0.4.0},
 * listed in {@code files.txt}): a served worker has no npm folder, so the libraries are copied out
 * to a folder on disk once, where {@code dlopen} can load them.
 *
 * <p>Two JVMs may extract at the same time (dev mode's gateway and worker): each file is written
 * to a temporary name and moved into place atomically, and a file whose size already matches
 * the jar's entry is left alone, so a second start does no work.
 */
final class NativeBundle {
    static final String RESOURCE_DIR = "sluice-native/llama-v0.4.0/";

    private final ClassLoader loader;

    NativeBundle(ClassLoader loader) {
        this.loader = loader;
    }

    static NativeBundle ofThisJar() {
        return new NativeBundle(NativeBundle.class.getClassLoader());
    }

    /** The library names the build packed, or empty when this classpath carries none. */
    List<String> files() {
        URL index = loader.getResource(RESOURCE_DIR + "files.txt");
        if (index == null) {
            return List.of();
        }
        try (InputStream in = index.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(l -> l.endsWith(".so") && !l.contains("/"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled llama.cpp index", e);
        }
    }

    /** Copies the packed libraries into {@code target} (made if missing); empty when none are packed. */
    Optional<Path> extractTo(Path target) {
        List<String> names = files();
        if (names.isEmpty()) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(target);
            for (String name : names) {
                URL entry = loader.getResource(RESOURCE_DIR + name);
                if (entry == null) {
                    throw new IllegalStateException(
                            "the jar's llama.cpp index names " + name + " but the jar lacks it");
                }
                copyIfDifferent(entry, target.resolve(name));
            }
            return Optional.of(target);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot extract llama.cpp's libraries to " + target
                            + " (set sluice.llama.lib-dir to a folder holding them, or SLUICE_DATA_DIR to a writable folder)",
                    e);
        }
    }

    private static void copyIfDifferent(URL entry, Path file) throws IOException {
        URLConnection connection = entry.openConnection();
        long size = connection.getContentLengthLong();
        if (size >= 0 && Files.isRegularFile(file) && Files.size(file) == size) {
            connection.getInputStream().close();
            return;
        }
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".part");
        try (InputStream in = connection.getInputStream()) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** {@code $SLUICE_DATA_DIR/native/llama-v0.4.0}, else a per-user folder under the temp dir. */
    static Path defaultTarget(@Nullable String dataDir, String tmpDir, String user) {
        Path base = dataDir != null && !dataDir.isBlank()
                ? Path.of(dataDir, "native")
                : Path.of(tmpDir, "sluice-native-" + user.replaceAll("[^A-Za-z0-9_.-]", "_"));
        return base.resolve("llama-v0.4.0").toAbsolutePath().normalize();
    }
}
