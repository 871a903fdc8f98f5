package dev.sluice.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests, checked without a cluster: every role is deployed with probes on the
 * application's port and paths, every address and reference names an object defined here, and
 * scaling stays within what Kafka's partitions allow.
 */
class KubernetesWiringTest {
    private static final List<String> ADDRESS_KEYS = List.of("SLUICE_KAFKA_BOOTSTRAP", "SLUICE_DB_URL");

    private final AppSettings app = AppSettings.load();
    private final K8sManifests k8s = new K8sManifests();

    @Test
    void kustomizationListsEveryManifestInTheFolder() {
        assertThat(k8s.resources).containsExactlyInAnyOrderElementsOf(K8sManifests.yamlFilesOnDisk());
    }

    @Test
    void everyRoleRunsInOneWorkloadProbedOnTheAppPortAndPaths() {
        for (String role : app.roles()) {
            List<Map<String, Object>> workloads = k8s.workloadsWithRole(role);
            assertThat(workloads).as("workloads with SLUICE_ROLES=" + role).hasSize(1);
            Map<String, Object> c = K8sManifests.container(workloads.getFirst());
            assertThat(Yamls.listAt(c, "args")).as(role + " args").containsExactly("serve");
            assertProbe(role, c, "livenessProbe", app.livenessPath());
            assertProbe(role, c, "readinessProbe", app.readinessPath());
            assertProbe(role, c, "startupProbe", app.livenessPath());
        }
    }

    @Test
    void everyWorkloadRequestsCpuAndMemoryAndLimitsMemory() {
        for (Map<String, Object> w : k8s.ofKind("Deployment", "StatefulSet")) {
            Map<String, Object> c = K8sManifests.container(w);
            String name = K8sManifests.name(w);
            assertThat(Yamls.mapAt(c, "resources.requests"))
                    .as(name + " requests")
                    .containsKeys("cpu", "memory");
            assertThat(Yamls.mapAt(c, "resources.limits")).as(name + " limits").containsKey("memory");
        }
    }

    @Test
    void configAddressesNameServicesOnTheirPorts() {
        Map<String, Object> data = Yamls.mapAt(
                k8s.find("ConfigMap", "sluice-config")
                        .orElseThrow(() -> new AssertionError("no ConfigMap sluice-config")),
                "data");
        for (String key : ADDRESS_KEYS) {
            assertThat(data).as("sluice-config").containsKey(key);
            for (Address a : Address.parseAll(String.valueOf(data.get(key)))) {
                Map<String, Object> svc = k8s.find("Service", a.host())
                        .orElseThrow(() -> new AssertionError(key + " names " + a.host() + ", which is no Service"));
                List<Integer> ports = Yamls.listAt(svc, "spec.ports").stream()
                        .map(p -> (Integer) Yamls.map(p, "port").get("port"))
                        .toList();
                assertThat(ports)
                        .as("ports of Service " + a.host() + " (" + key + ")")
                        .contains(a.port());
            }
        }
        // The Redis URL carries its password, so it lives in the Secret create-secrets.sh writes.
        Matcher redis =
                Pattern.compile("printf '(redis://[^']+)'").matcher(Repo.read(K8sManifests.DIR + "/create-secrets.sh"));
        assertThat(redis.find()).as("create-secrets.sh writes redis-url").isTrue();
        Address r = Address.parseAll(redis.group(1).replace("%s", "password")).getFirst();
        Map<String, Object> redisService = k8s.find("Service", r.host())
                .orElseThrow(() -> new AssertionError("redis-url names " + r.host() + ", which is no Service"));
        assertThat(Yamls.listAt(redisService, "spec.ports").stream()
                        .map(p -> (Integer) Yamls.map(p, "port").get("port"))
                        .toList())
                .contains(r.port());
        assertThat(String.valueOf(data.get("SERVER_PORT"))).isEqualTo(String.valueOf(app.serverPort()));
        for (Map<String, Object> w : k8s.ofKind("Deployment", "StatefulSet")) {
            for (Object from : Yamls.listAt(K8sManifests.container(w), "envFrom")) {
                String cm = Yamls.str(Yamls.map(from, "envFrom"), "configMapRef.name");
                assertThat(k8s.find("ConfigMap", cm))
                        .as(K8sManifests.name(w) + " reads ConfigMap " + cm)
                        .isPresent();
            }
        }
    }

    @Test
    void everySluiceSettingIsAPropertyTheCodeReads() {
        SluiceProperties known = new SluiceProperties();
        List<String> keys = new ArrayList<>(
                Yamls.mapAt(k8s.find("ConfigMap", "sluice-config").orElseThrow(), "data")
                        .keySet());
        for (Map<String, Object> w : k8s.ofKind("Deployment", "StatefulSet"))
            keys.addAll(K8sManifests.env(K8sManifests.container(w)).keySet());
        for (String key : keys) {
            if (key.startsWith("SLUICE_"))
                assertThat(known.known(key))
                        .as("%s names a sluice.* property", key)
                        .isTrue();
        }
        assertThat(keys).contains("SLUICE_ROLES", "SLUICE_KAFKA_BOOTSTRAP");
    }

    @Test
    void replicationIsThreeAsMinInSyncTwoNeeds() {
        Map<String, Object> data =
                Yamls.mapAt(k8s.find("ConfigMap", "sluice-config").orElseThrow(), "data");
        assertThat(String.valueOf(data.get("SLUICE_KAFKA_REPLICATION"))).isEqualTo("3");
    }

    @Test
    void secretsReferencedAreTheOnesCreateSecretsMakes() {
        Set<String> created = new TreeSet<>();
        Matcher m = Pattern.compile("--from-(?:literal|file)=([\\w.-]+)=")
                .matcher(Repo.read(K8sManifests.DIR + "/create-secrets.sh"));
        while (m.find()) created.add(m.group(1));
        assertThat(created)
                .contains("db-password", "redis-url", "jwt-public.pem")
                .doesNotContain("jwt-private.pem");
        List<String> used = new ArrayList<>();
        for (Map<String, Object> w : k8s.ofKind("Deployment", "StatefulSet")) {
            Map<String, Object> c = K8sManifests.container(w);
            for (Object e : Yamls.listAt(c, "env")) {
                Map<String, Object> entry = Yamls.map(e, "env");
                if (entry.containsKey("valueFrom")) {
                    assertThat(Yamls.str(entry, "valueFrom.secretKeyRef.name")).isEqualTo("sluice-secrets");
                    used.add(Yamls.str(entry, "valueFrom.secretKeyRef.key"));
                }
            }
            Object mounts = c.get("volumeMounts");
            if (mounts == null) continue;
            for (Object vm : Yamls.list(mounts, "volumeMounts")) {
                Map<String, Object> mount = Yamls.map(vm, "volumeMount");
                if (mount.containsKey("subPath") && isSecretVolume(w, String.valueOf(mount.get("name"))))
                    used.add(String.valueOf(mount.get("subPath")));
            }
        }
        assertThat(used)
                .as("secret keys the workloads read")
                .contains("db-password", "redis-url", "jwt-public.pem")
                .isSubsetOf(created);
    }

    @Test
    void servicesSelectAWorkloadAndTargetTheApiPortOnlyForGateways() {
        for (Map<String, Object> svc : k8s.ofKind("Service")) {
            if ("ExternalName".equals(Yamls.mapAt(svc, "spec").get("type"))) continue;
            Map<String, Object> selector = Yamls.mapAt(svc, "spec.selector");
            List<Map<String, Object>> selected = k8s.ofKind("Deployment", "StatefulSet").stream()
                    .filter(w -> K8sManifests.selects(selector, w))
                    .toList();
            assertThat(selected)
                    .as("workloads of Service " + K8sManifests.name(svc))
                    .hasSize(1);
            for (Object p : Yamls.listAt(svc, "spec.ports")) {
                Object target = Yamls.map(p, "port").get("targetPort");
                String role = K8sManifests.env(K8sManifests.container(selected.getFirst()))
                        .get("SLUICE_ROLES");
                // Clients reach gateways' API only; the other roles' Services exist for scrapes (management port).
                assertThat(K8sManifests.resolvePort(K8sManifests.container(selected.getFirst()), target))
                        .as("port of Service " + K8sManifests.name(svc))
                        .isEqualTo("gateway".equals(role) ? app.serverPort() : managementPort());
            }
        }
    }

    @Test
    void gatewaysAutoscaleOnCpuFromAtLeastTwo() {
        Map<String, Object> gateway = k8s.workloadsWithRole("gateway").getFirst();
        List<Map<String, Object>> hpas = k8s.ofKind("HorizontalPodAutoscaler");
        assertThat(hpas).hasSize(1);
        Map<String, Object> hpa = hpas.getFirst();
        assertThat(Yamls.str(hpa, "spec.scaleTargetRef.kind")).isEqualTo(gateway.get("kind"));
        assertThat(Yamls.str(hpa, "spec.scaleTargetRef.name")).isEqualTo(K8sManifests.name(gateway));
        int min = (Integer) Yamls.at(hpa, "spec.minReplicas");
        assertThat(min).isGreaterThanOrEqualTo(2);
        assertThat((Integer) Yamls.at(hpa, "spec.maxReplicas")).isGreaterThan(min);
        assertThat(Yamls.str(Yamls.map(Yamls.listAt(hpa, "spec.metrics").getFirst(), "metric"), "resource.name"))
                .isEqualTo("cpu");
    }

    @Test
    void everyWorkloadRunningMoreThanOnceHasADisruptionBudget() {
        List<Map<String, Object>> pdbs = k8s.ofKind("PodDisruptionBudget");
        for (Map<String, Object> w : k8s.ofKind("Deployment", "StatefulSet")) {
            if ((Integer) Yamls.at(w, "spec.replicas") < 2) continue;
            assertThat(pdbs.stream().filter(p -> K8sManifests.selects(Yamls.mapAt(p, "spec.selector.matchLabels"), w)))
                    .as("PodDisruptionBudget for " + K8sManifests.name(w))
                    .hasSize(1);
        }
        for (Map<String, Object> p : pdbs) {
            assertThat(k8s.ofKind("Deployment", "StatefulSet").stream()
                            .filter(w -> K8sManifests.selects(Yamls.mapAt(p, "spec.selector.matchLabels"), w)))
                    .as("workloads of PDB " + K8sManifests.name(p))
                    .isNotEmpty();
        }
    }

    @Test
    void partitionedRolesDoNotOutnumberPartitions() {
        int partitions = Integer.parseInt(String.valueOf(
                Yamls.mapAt(k8s.find("ConfigMap", "sluice-config").orElseThrow(), "data")
                        .get("SLUICE_KAFKA_PARTITIONS")));
        for (String role : List.of("topology", "worker")) {
            Map<String, Object> w = k8s.workloadsWithRole(role).getFirst();
            assertThat((Integer) Yamls.at(w, "spec.replicas"))
                    .as(role + " replicas vs " + partitions + " partitions")
                    .isLessThanOrEqualTo(partitions);
        }
    }

    @Test
    void statefulSetsAndClaimsReferToObjectsDefinedHere() {
        for (Map<String, Object> sts : k8s.ofKind("StatefulSet")) {
            Map<String, Object> svc = k8s.find("Service", Yamls.str(sts, "spec.serviceName"))
                    .orElseThrow(() -> new AssertionError("no Service for " + K8sManifests.name(sts)));
            assertThat(Yamls.str(svc, "spec.clusterIP")).isEqualTo("None");
        }
        for (Map<String, Object> w : k8s.ofKind("Deployment", "StatefulSet")) {
            Object volumes = Yamls.mapAt(w, "spec.template.spec").get("volumes");
            if (volumes == null) continue;
            for (Object v : Yamls.list(volumes, "volumes")) {
                Object claim = Yamls.map(v, "volume").get("persistentVolumeClaim");
                if (claim == null) continue;
                String name = Yamls.str(Yamls.map(claim, "claim"), "claimName");
                assertThat(k8s.find("PersistentVolumeClaim", name))
                        .as(K8sManifests.name(w) + " claims " + name)
                        .isPresent();
            }
        }
    }

    private void assertProbe(String role, Map<String, Object> container, String probe, String path) {
        assertThat(Yamls.str(container, probe + ".httpGet.path"))
                .as(role + " " + probe + " path")
                .isEqualTo(path);
        // Probes on the management port: the API port serves no /actuator.
        assertThat(K8sManifests.resolvePort(container, Yamls.at(container, probe + ".httpGet.port")))
                .as(role + " " + probe + " port")
                .isEqualTo(managementPort())
                .isNotEqualTo(app.serverPort());
    }

    private int managementPort() {
        return Integer.parseInt(String.valueOf(
                Yamls.mapAt(k8s.find("ConfigMap", "sluice-config").orElseThrow(), "data")
                        .get("MANAGEMENT_SERVER_PORT")));
    }

    private static boolean isSecretVolume(Map<String, Object> workload, String volume) {
        Object volumes = Yamls.mapAt(workload, "spec.template.spec").get("volumes");
        if (volumes == null) return false;
        return Yamls.list(volumes, "volumes").stream()
                .map(v -> Yamls.map(v, "volume"))
                .anyMatch(v -> volume.equals(v.get("name")) && v.containsKey("secret"));
    }
}
