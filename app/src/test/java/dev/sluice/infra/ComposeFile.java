package dev.sluice.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** infra/compose/docker-compose.yml parsed, with YAML anchors and merge keys resolved. */
final class ComposeFile {
    static final String PATH = "infra/compose/docker-compose.yml";

    final Map<String, Object> root = Repo.yaml(PATH);
    final Map<String, Object> services = Yamls.mapAt(root, "services");

    Map<String, Object> service(String name) {
        if (!services.containsKey(name)) throw new AssertionError("no compose service " + name + "; defined: " + services.keySet());
        return Yamls.map(services.get(name), "services." + name);
    }

    /** The service's environment as strings (compose accepts numbers; the container sees text). */
    Map<String, String> env(String name) {
        Map<String, String> out = new LinkedHashMap<>();
        Object env = service(name).get("environment");
        if (env != null) Yamls.map(env, name + ".environment").forEach((k, v) -> out.put(k, String.valueOf(v)));
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
        Object cmd = service(name).get("command");
        if (cmd == null) return List.of();
        if (cmd instanceof String s) return List.of(s.split("\\s+"));
        return Yamls.list(cmd, name + ".command").stream().map(String::valueOf).toList();
    }

    /** Volume entries {@code source:target[:mode]} as source → target. */
    Map<String, String> mounts(String name) {
        Map<String, String> out = new LinkedHashMap<>();
        Object vols = service(name).get("volumes");
        if (vols == null) return out;
        for (Object v : Yamls.list(vols, name + ".volumes")) {
            String[] parts = v.toString().split(":");
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
