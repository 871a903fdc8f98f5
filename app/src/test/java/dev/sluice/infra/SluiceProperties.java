package dev.sluice.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code sluice.*} properties the code reads, found in every module's main sources and
 * properties files. Spring ignores an environment variable that matches no property, so a
 * misspelt {@code SLUICE_*} name in a deployment file would silently leave the default in place.
 */
final class SluiceProperties {
    private static final Pattern PROPERTY = Pattern.compile("sluice\\.[a-z0-9]+(?:[.-][a-z0-9]+)*");

    private final Set<String> envNames = new TreeSet<>();

    SluiceProperties() {
        try (Stream<Path> modules = Files.list(Repo.ROOT)) {
            for (Path main : modules.map(m -> m.resolve("src/main")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(main)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".properties")).toList()) {
                        Matcher m = PROPERTY.matcher(Files.readString(f));
                        while (m.find()) envNames.add(envName(m.group()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Settings bound into a record under a prefix are named by its components, not spelled out in the sources.
        bound("sluice.engine", dev.sluice.worker.engine.EngineSettings.class);
        bound("sluice.crypto", dev.sluice.app.crypto.CryptoSettings.class);
    }

    private void bound(String prefix, Class<? extends Record> settings) {
        for (var component : settings.getRecordComponents()) {
            envNames.add(envName(prefix + "." + component.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT)));
        }
    }

    /** How Spring's system-environment source spells a property: dots and dashes to underscores, upper case. */
    static String envName(String property) {
        return property.replace('.', '_').replace('-', '_').toUpperCase(java.util.Locale.ROOT);
    }

    boolean known(String envName) {
        return envNames.contains(envName);
    }
}
