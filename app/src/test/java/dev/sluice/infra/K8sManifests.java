package dev.sluice.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Every manifest infra/k8s/kustomization.yaml lists, parsed, looked up by kind and name. */
final class K8sManifests {
    static final String DIR = "infra/k8s";
    static final List<String> WORKLOAD_KINDS = List.of("Deployment", "StatefulSet");

    final Map<String, Object> kustomization = Repo.yaml(DIR + "/kustomization.yaml");
    final List<String> resources = Yamls.listAt(kustomization, "resources").stream()
            .map(String::valueOf)
            .toList();
    final List<Map<String, Object>> objects = new ArrayList<>();

    K8sManifests() {
        for (String file : resources) objects.addAll(Repo.yamlDocuments(DIR + "/" + file));
    }

    /** YAML files in the folder, so a manifest nobody listed in the kustomization is noticed. */
    static List<String> yamlFilesOnDisk() {
        try (Stream<java.nio.file.Path> files = Files.list(Repo.path(DIR))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") || n.endsWith(".yml"))
                    .filter(n -> !n.startsWith("kustomization."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Map<String, Object>> ofKind(String... kinds) {
        List<String> wanted = List.of(kinds);
        return objects.stream()
                .filter(o -> wanted.contains(String.valueOf(o.get("kind"))))
                .toList();
    }

    Optional<Map<String, Object>> find(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name(o).equals(name)).findFirst();
    }

    static String name(Map<String, Object> object) {
        return Yamls.str(object, "metadata.name");
    }

    /** Workloads (Deployments and StatefulSets) whose container sets SLUICE_ROLES to exactly this value. */
    List<Map<String, Object>> workloadsWithRole(String role) {
        return ofKind(WORKLOAD_KINDS.toArray(String[]::new)).stream()
                .filter(w -> role.equals(env(container(w)).get("SLUICE_ROLES")))
                .toList();
    }

    static Map<String, Object> container(Map<String, Object> workload) {
        List<Object> containers = Yamls.listAt(workload, "spec.template.spec.containers");
        if (containers.size() != 1)
            throw new AssertionError(name(workload) + " should run one container, runs " + containers.size());
        return Yamls.map(containers.getFirst(), name(workload) + " container");
    }

    static Map<String, String> podLabels(Map<String, Object> workload) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        Yamls.mapAt(workload, "spec.template.metadata.labels").forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    /** Plain {@code env} entries with a literal value. */
    static Map<String, String> env(Map<String, Object> container) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        Object env = container.get("env");
        if (env == null) return out;
        for (Object e : Yamls.list(env, "env")) {
            Map<String, Object> entry = Yamls.map(e, "env entry");
            if (entry.containsKey("value"))
                out.put(String.valueOf(entry.get("name")), String.valueOf(entry.get("value")));
        }
        return out;
    }

    /** containerPort of a named port, or the number itself. */
    static int resolvePort(Map<String, Object> container, Object port) {
        if (port instanceof Integer n) return n;
        for (Object p : Yamls.listAt(container, "ports")) {
            Map<String, Object> cp = Yamls.map(p, "port");
            if (String.valueOf(port).equals(String.valueOf(cp.get("name")))) return (Integer) cp.get("containerPort");
        }
        throw new AssertionError("container has no port named " + port);
    }

    /** Whether a selector's labels all appear on the workload's pods. */
    static boolean selects(Map<String, Object> selector, Map<String, Object> workload) {
        return selectsLabels(selector, podLabels(workload));
    }

    static boolean selectsLabels(Map<String, Object> selector, Map<String, String> labels) {
        return selector.entrySet().stream()
                .allMatch(e -> String.valueOf(e.getValue()).equals(labels.get(e.getKey())));
    }
}
