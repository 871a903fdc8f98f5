package dev.sluice.schemas.role;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The roles one process can run, chosen by {@code sluice.roles} ({@code SLUICE_ROLES}): a
 * comma-separated list of whole names. Matching is by name, never by substring, so a role whose
 * name contains another's (say {@code gateway-admin}) does not switch that one on, and a name
 * that is no role is an error at start rather than a process that silently runs nothing.
 */
public final class Roles {
    public static final String PROPERTY = "sluice.roles";
    public static final String GATEWAY = "gateway";
    public static final String TOPOLOGY = "topology";
    public static final String WORKER = "worker";
    public static final String PERSISTENCE = "persistence";
    /** Every role, in the order of the data flow; what runs when {@code sluice.roles} is not set. */
    public static final List<String> ALL = List.of(GATEWAY, TOPOLOGY, WORKER, PERSISTENCE);

    /** The roles a {@code sluice.roles} value names; all of them when it is not set, none when it is blank. */
    public static Set<String> parse(@Nullable String value) {
        if (value == null) return new LinkedHashSet<>(ALL);
        Set<String> roles = new LinkedHashSet<>();
        for (String part : value.split(",")) {
            String role = part.strip().toLowerCase(Locale.ROOT);
            if (role.isEmpty()) continue;
            requireKnown(role, PROPERTY + "=" + value);
            roles.add(role);
        }
        return roles;
    }

    /** Whether a process configured with this {@code sluice.roles} value runs {@code role}. */
    public static boolean runs(@Nullable String value, String role) {
        requireKnown(role, "role");
        return parse(value).contains(role);
    }

    static void requireKnown(String role, String where) {
        if (!ALL.contains(role)) {
            throw new IllegalArgumentException(
                    "Unknown role '" + role + "' in " + where + "; the roles are " + String.join(", ", ALL) + ".");
        }
    }

    private Roles() {}
}
