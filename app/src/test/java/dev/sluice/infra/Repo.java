package dev.sluice.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** Files of the repository, read from the app module's directory (surefire's working directory). */
final class Repo {
    static final Path ROOT = findRoot();

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + relative + " (from " + ROOT + ")", e);
        }
    }

    /** Every YAML document of a file (a manifest may hold several, separated by ---). */
    static List<Map<String, Object>> yamlDocuments(String relative) {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml().loadAll(read(relative))) {
            if (doc != null) docs.add(Yamls.map(doc, relative));
        }
        return docs;
    }

    static Map<String, Object> yaml(String relative) {
        List<Map<String, Object>> docs = yamlDocuments(relative);
        if (docs.size() != 1)
            throw new AssertionError(relative + " should hold one YAML document, holds " + docs.size());
        return docs.getFirst();
    }

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("infra"))) dir = dir.getParent();
        if (dir == null)
            throw new IllegalStateException(
                    "no infra/ folder above " + Path.of("").toAbsolutePath());
        return dir;
    }

    private Repo() {}
}
