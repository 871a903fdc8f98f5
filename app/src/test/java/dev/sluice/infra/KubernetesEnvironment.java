package dev.sluice.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a pod of a workload would see: the ConfigMap it loads with envFrom, its env entries
 * (literal values with {@code $(VAR)} expanded, secretKeyRef values read from the files
 * create-secrets.sh wrote), and its volume mounts as host paths.
 */
final class KubernetesEnvironment {
    private final K8sManifests manifests;
    private final Path secretsDir;
    private final Path modelsDir;

    /**
     * @param modelsDir the test models: the manifests' model file name is linked to the small
     *                  test model (the real one is not downloaded in tests)
     */
    KubernetesEnvironment(K8sManifests manifests, Path secretsDir, Path modelsDir) {
        this.manifests = manifests;
        this.secretsDir = secretsDir;
        this.modelsDir = modelsDir;
    }

    /** The ConfigMap the workloads load. */
    Map<String, String> config() {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, Object> cm = manifests
                .find("ConfigMap", "sluice-config")
                .orElseThrow(() -> new AssertionError("no ConfigMap sluice-config"));
        Yamls.mapAt(cm, "data").forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    Map<String, String> of(Map<String, Object> workload) {
        Map<String, Object> container = K8sManifests.container(workload);
        Map<String, String> out = new LinkedHashMap<>();
        Object envFrom = container.get("envFrom");
        if (envFrom != null) {
            for (Object from : Yamls.list(envFrom, "envFrom")) {
                String ref = Yamls.str(Yamls.map(from, "envFrom entry"), "configMapRef.name");
                if (!ref.equals("sluice-config")) throw new AssertionError("unknown ConfigMap " + ref);
                out.putAll(config());
            }
        }
        for (Object e : Yamls.listAt(container, "env")) {
            Map<String, Object> entry = Yamls.map(e, "env entry");
            String name = String.valueOf(entry.get("name"));
            if (entry.containsKey("value")) {
                out.put(name, expand(String.valueOf(entry.get("value")), out));
            } else {
                String key = Yamls.str(entry, "valueFrom.secretKeyRef.key");
                out.put(name, read(secretsDir.resolve(key)));
            }
        }
        return out;
    }

    /** Container path → host path for each volume mount. */
    Map<String, Path> mounts(Map<String, Object> workload, Path podDir) {
        Map<String, Object> container = K8sManifests.container(workload);
        Map<String, Map<String, Object>> volumes = new LinkedHashMap<>();
        Object declared = Yamls.mapAt(workload, "spec.template.spec").get("volumes");
        if (declared != null) {
            for (Object v : Yamls.list(declared, "volumes")) {
                Map<String, Object> volume = Yamls.map(v, "volume");
                volumes.put(String.valueOf(volume.get("name")), volume);
            }
        }
        Map<String, Path> out = new LinkedHashMap<>();
        Object mounts = container.get("volumeMounts");
        if (mounts == null) return out;
        for (Object m : Yamls.list(mounts, "volumeMounts")) {
            Map<String, Object> mount = Yamls.map(m, "volumeMount");
            String name = String.valueOf(mount.get("name"));
            String path = String.valueOf(mount.get("mountPath"));
            Map<String, Object> volume = volumes.get(name);
            if (volume != null && volume.containsKey("secret")) {
                out.put(path, secretsDir.resolve(String.valueOf(mount.get("subPath"))));
            } else if (volume != null && volume.containsKey("persistentVolumeClaim") && path.equals("/models")) {
                out.put(path, models(podDir.resolve("models"), of(workload).get("SLUICE_MODEL")));
            } else {
                // emptyDir or a StatefulSet's claim: the pod's own folder.
                out.put(path, podDir.resolve(name));
            }
        }
        return out;
    }

    private Path models(Path dir, String modelPath) {
        try {
            Files.createDirectories(dir);
            Path link = dir.resolve(Path.of(modelPath).getFileName().toString());
            if (!Files.exists(link)) Files.createSymbolicLink(link, modelsDir.resolve("stories260K.gguf"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kubernetes' {@code $(VAR)} references to variables defined earlier. */
    private static String expand(String value, Map<String, String> earlier) {
        Matcher m = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)").matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find())
            m.appendReplacement(out, Matcher.quoteReplacement(earlier.getOrDefault(m.group(1), m.group())));
        m.appendTail(out);
        return out.toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("secret key file " + file + " (create-secrets.sh writes it)", e);
        }
    }
}
