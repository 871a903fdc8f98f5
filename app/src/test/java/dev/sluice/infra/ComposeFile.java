package dev.sluice.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** infra/compose/docker-compose.yml parsed, with YAML anchors and merge keys resolved. */
final class ComposeFile {
    static final String PATH = "infra/compose/docker-compose.yml";

    final Map<String, Object> root = Repo.yaml(PATH);
    final Map<String, Object> services = Yamls.mapAt(root, "services");

    Map<String, Object> service(String name) {
        if (!services.containsKey(name))
            throw new AssertionError("no compose service " + name + "; defined: " + services.keySet());
        return Yamls.map(services.get(name), "services." + name);
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(?:(:?[-?])([^}]*))?}");

    /**
     * The service's environment as strings (compose accepts numbers; the container sees text),
     * with every {@code ${VAR...}} filled in: required ones ({@code :?}) with a placeholder, for
     * the tests that only check the shape of the wiring.
     */
    Map<String, String> env(String name) {
        return env(name, placeholders());
    }

    private Map<String, String> placeholders() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String v : requiredVariables())
            out.put(v, "placeholder" + v.toLowerCase(java.util.Locale.ROOT).replace("_", ""));
        return out;
    }

    /** The environment as compose would pass it with these variables (e.g. the .env gen-cert.sh writes). */
    Map<String, String> env(String name, Map<String, String> variables) {
        Map<String, String> out = new LinkedHashMap<>();
        Object env = service(name).get("environment");
        if (env != null)
            Yamls.map(env, name + ".environment")
                    .forEach((k, v) -> out.put(k, interpolate(String.valueOf(v), variables)));
        return out;
    }

    /** Compose's {@code ${VAR}}, {@code ${VAR:-default}} and {@code ${VAR:?error}}, failing as compose would. */
    static String interpolate(String value, Map<String, String> variables) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String set = variables.get(m.group(1));
            boolean empty = set == null || set.isEmpty();
            String replacement;
            if (!empty) replacement = set;
            else if (m.group(2) != null && m.group(2).endsWith("-")) replacement = m.group(3);
            else if (m.group(2) != null && m.group(2).endsWith("?"))
                throw new AssertionError("required variable " + m.group(1) + ": " + m.group(3));
            else replacement = "";
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Variables the file requires ({@code ${VAR:?...}}): the secrets gen-cert.sh must provide. */
    Set<String> requiredVariables() {
        Set<String> out = new TreeSet<>();
        Matcher m = VARIABLE.matcher(Repo.read(PATH));
        while (m.find()) {
            if ("?".equals(m.group(2)) || ":?".equals(m.group(2))) out.add(m.group(1));
        }
        return out;
    }

    /** Variables given a default ({@code ${VAR:-default}}), with that default. */
    Map<String, String> defaultedVariables() {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = VARIABLE.matcher(Repo.read(PATH));
        while (m.find()) {
            if (m.group(2) != null && m.group(2).endsWith("-")) out.put(m.group(1), m.group(3));
        }
        return out;
    }

    /** Services that run the Sluice image, by the roles in their SLUICE_ROLES. */
    Map<String, List<String>> sluiceServices() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String name : services.keySet()) {
            String roles = env(name).get("SLUICE_ROLES");
            if (roles != null) out.put(name, List.of(roles.split(",")));
        }
        return out;
    }

    List<String> servicesWithRole(String role) {
        List<String> out = new ArrayList<>();
        sluiceServices().forEach((name, roles) -> {
            if (roles.contains(role)) out.add(name);
        });
        return out;
    }

    List<String> servicesOfImage(String imagePrefix) {
        List<String> out = new ArrayList<>();
        for (String name : services.keySet()) {
            Object image = service(name).get("image");
            if (image != null && image.toString().startsWith(imagePrefix)) out.add(name);
        }
        return out;
    }

    /** Services that start on a plain {@code docker compose up} (no profile). */
    boolean alwaysOn(String name) {
        return !service(name).containsKey("profiles");
    }

    /** The command as one string list, whichever form compose was given. */
    List<String> command(String name) {
        return command(name, placeholders());
    }

    List<String> command(String name, Map<String, String> variables) {
        Object cmd = service(name).get("command");
        if (cmd == null) return List.of();
        if (cmd instanceof String s) return List.of(s.split("\\s+"));
        List<String> words =
                Yamls.list(cmd, name + ".command").stream().map(String::valueOf).toList();
        return words.stream().map(w -> interpolate(w, variables)).toList();
    }

    /** Volume entries {@code source:target[:mode]} as source → target. */
    Map<String, String> mounts(String name) {
        return mounts(name, Map.of());
    }

    Map<String, String> mounts(String name, Map<String, String> variables) {
        Map<String, String> out = new LinkedHashMap<>();
        Object vols = service(name).get("volumes");
        if (vols == null) return out;
        for (Object v : Yamls.list(vols, name + ".volumes")) {
            String[] parts = interpolate(v.toString(), variables).split(":");
            out.put(parts[0], parts[1]);
        }
        return out;
    }

    /** The healthcheck's command words (after CMD / CMD-SHELL). */
    List<String> healthcheck(String name) {
        List<Object> test = Yamls.listAt(service(name), "healthcheck.test");
        return test.subList(1, test.size()).stream().map(String::valueOf).toList();
    }
}
