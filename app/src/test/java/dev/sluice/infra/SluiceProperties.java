package dev.sluice.infra;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code sluice.*} settings the code binds, as environment variables, learnt from the
 * configuration metadata of every module ({@link SettingsMetadata}). Spring ignores an environment
 * variable that matches no property, so a misspelt {@code SLUICE_*} name in a deployment file
 * would silently leave the default in place.
 */
final class SluiceProperties {
    private final Set<String> envNames = new TreeSet<>();
    /** Map settings: any variable below one of these names binds a key of the map. */
    private final Set<String> envPrefixes = new TreeSet<>();

    SluiceProperties() {
        for (SettingsMetadata.Property p : new SettingsMetadata().properties().values()) {
            envNames.add(envName(p.name()));
            if (p.isMap()) envPrefixes.add(envName(p.name()) + "_");
        }
    }

    /** How Spring's system-environment source spells a property: dots and dashes to underscores, upper case. */
    static String envName(String property) {
        return property.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    boolean known(String envName) {
        return envNames.contains(envName) || envPrefixes.stream().anyMatch(envName::startsWith);
    }
}
