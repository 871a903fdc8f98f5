package dev.sluice.arch;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The module graph as code: which package root is which module, whom each module may depend
 * on (the arrows, all pointing down), and which packages each module exports. Internals are every
 * other package. An export may name the only modules allowed to use it, as JPMS's
 * {@code exports … to} does, where a narrower door would cost a copy.
 */
final class ModuleMap {
    record Module(String name, String root, Set<String> dependsOn, Map<String, Set<String>> exports) {}

    private static final Set<String> EVERYONE = Set.of("*");

    /** Bottom first. {@code exports}: package → the modules that may import it ({@code *} = every module above). */
    static final List<Module> MODULES = List.of(
            new Module("schemas", "dev.sluice.schemas", Set.of(), Map.of("dev.sluice.schemas..", EVERYONE)),
            new Module("embedded", "dev.sluice.embedded", Set.of("schemas"), Map.of("dev.sluice.embedded", EVERYONE)),
            new Module(
                    "guard",
                    "dev.sluice.guard",
                    Set.of("schemas"),
                    Map.of(
                            "dev.sluice.guard", EVERYONE,
                            // the PII vault is state the topology keeps per conversation; output safety runs in the
                            // worker
                            "dev.sluice.guard.pii", Set.of("topology"),
                            "dev.sluice.guard.safety", Set.of("inference-workers"))),
            new Module(
                    "topology",
                    "dev.sluice.topology",
                    Set.of("schemas", "guard"),
                    Map.of("dev.sluice.topology", EVERYONE)),
            new Module(
                    "inference-workers",
                    "dev.sluice.worker",
                    Set.of("schemas", "guard"),
                    Map.of("dev.sluice.worker", EVERYONE)),
            new Module("sse-bridge", "dev.sluice.bridge", Set.of("schemas"), Map.of("dev.sluice.bridge", EVERYONE)),
            new Module(
                    "ingress-api",
                    "dev.sluice.gateway",
                    Set.of("schemas", "sse-bridge"),
                    Map.of(
                            "dev.sluice.gateway", EVERYONE,
                            // the CLI mints dev tokens and dev mode waits for a model: the application's own wiring
                            "dev.sluice.gateway.auth", Set.of("app"),
                            "dev.sluice.gateway.models", Set.of("app"))),
            new Module(
                    "persistence",
                    "dev.sluice.persistence",
                    Set.of("schemas"),
                    Map.of("dev.sluice.persistence.config", EVERYONE)),
            new Module(
                    "app",
                    "dev.sluice.app",
                    Set.of(
                            "schemas",
                            "embedded",
                            "guard",
                            "topology",
                            "inference-workers",
                            "sse-bridge",
                            "ingress-api",
                            "persistence"),
                    Map.of()));

    static String moduleOf(String packageName) {
        for (Module m : MODULES) {
            if (packageName.equals(m.root()) || packageName.startsWith(m.root() + ".")) return m.name();
        }
        return "";
    }

    private static Module module(String name) {
        return MODULES.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    /** One line per forbidden dependency (class, line, target, why), sorted; empty when the graph holds. */
    static List<String> violations(JavaClasses classes) {
        Set<String> found = new TreeSet<>();
        for (JavaClass source : classes) {
            String from = moduleOf(source.getPackageName());
            if (from.isEmpty()) continue;
            for (Dependency d : source.getDirectDependenciesFromSelf()) {
                JavaClass target = d.getTargetClass().getBaseComponentType();
                String to = moduleOf(target.getPackageName());
                if (to.isEmpty() || to.equals(from)) continue;
                String why = check(from, to, target.getPackageName());
                if (why != null) {
                    found.add(from + " → " + to + ": " + source.getName() + " uses " + target.getName() + " (" + why
                            + ") at " + d.getSourceCodeLocation());
                }
            }
        }
        return new ArrayList<>(found);
    }

    private static String check(String from, String to, String targetPackage) {
        if (!module(from).dependsOn().contains(to))
            return from + " may not depend on " + to + ": arrows point down the module graph";
        for (Map.Entry<String, Set<String>> export : module(to).exports().entrySet()) {
            if (matches(export.getKey(), targetPackage)
                    && (export.getValue().equals(EVERYONE) || export.getValue().contains(from))) {
                return null;
            }
        }
        return targetPackage + " is not exported to " + from;
    }

    private static boolean matches(String pattern, String pkg) {
        if (pattern.endsWith("..")) {
            String root = pattern.substring(0, pattern.length() - 2);
            return pkg.equals(root) || pkg.startsWith(root + ".");
        }
        return pkg.equals(pattern);
    }

    private ModuleMap() {}
}
