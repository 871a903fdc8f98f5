package dev.sluice.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * infra/k8s/network-policy.yaml read as the cluster would: which pods each policy selects
 * (matchLabels and matchExpressions), who may connect to them, and where they may connect.
 */
class KubernetesNetworkPolicyTest {
    /**
     * What each role's code connects to (besides DNS): the gateway meters and registers streams in
     * Redis and serves history from PostgreSQL; the topology caches in Redis; workers talk to
     * Kafka (and a remote engine, added by the operator); persistence writes PostgreSQL and
     * Redis; every role reads data keys from PostgreSQL (crypto-shredding); the kafka-setup Job
     * only Kafka.
     */
    private static final Map<String, Set<String>> NEEDS = Map.of(
            "gateway", Set.of("kafka", "redis", "postgres"),
            "topology", Set.of("kafka", "redis", "postgres"),
            "worker", Set.of("kafka", "postgres"),
            "persistence", Set.of("kafka", "redis", "postgres"),
            "kafka-setup", Set.of("kafka"));

    private final AppSettings app = AppSettings.load();
    private final K8sManifests k8s = new K8sManifests();
    private final EgressPolicies egress = new EgressPolicies(k8s);

    @Test
    void ingressAdmitsTheApiOnlyToGatewaysAndScrapesOnlyOnTheManagementPort() {
        int management = Integer.parseInt(String.valueOf(
                Yamls.mapAt(k8s.find("ConfigMap", "sluice-config").orElseThrow(), "data")
                        .get("MANAGEMENT_SERVER_PORT")));
        for (Map<String, Object> w : k8s.ofKind(K8sManifests.WORKLOAD_KINDS.toArray(String[]::new))) {
            String role = K8sManifests.env(K8sManifests.container(w)).get("SLUICE_ROLES");
            List<Map<String, Object>> selecting = egress.selecting(w, "Ingress");
            assertThat(selecting)
                    .as("ingress policies selecting " + K8sManifests.name(w))
                    .isNotEmpty();
            boolean openToAll = false;
            for (Map<String, Object> p : selecting) {
                for (Object rule : Yamls.listAt(p, "spec.ingress")) {
                    Map<String, Object> r = Yamls.map(rule, "ingress rule");
                    for (Object port : Yamls.listAt(r, "ports")) {
                        int resolved = K8sManifests.resolvePort(
                                K8sManifests.container(w),
                                Yamls.map(port, "port").get("port"));
                        // From anywhere: the API port only; from Prometheus: the management port only.
                        assertThat(resolved)
                                .as("%s ingress port in %s", K8sManifests.name(w), K8sManifests.name(p))
                                .isEqualTo(r.containsKey("from") ? management : app.serverPort());
                    }
                    if (!r.containsKey("from")) openToAll = true;
                }
            }
            assertThat(openToAll)
                    .as("%s (%s) reachable from anywhere", K8sManifests.name(w), role)
                    .isEqualTo("gateway".equals(role));
        }
    }

    @Test
    void everyPodMayReachDnsAndExactlyTheServicesItsRoleUses() {
        List<Map<String, Object>> pods =
                new ArrayList<>(k8s.ofKind(K8sManifests.WORKLOAD_KINDS.toArray(String[]::new)));
        pods.addAll(k8s.ofKind("Job"));
        assertThat(pods.stream()
                        .map(p -> K8sManifests.podLabels(p).get("sluice.dev/role"))
                        .toList())
                .containsExactlyInAnyOrderElementsOf(NEEDS.keySet());
        for (Map<String, Object> pod : pods) {
            String role = K8sManifests.podLabels(pod).get("sluice.dev/role");
            assertThat(egress.selecting(pod, "Egress"))
                    .as("egress policies selecting " + K8sManifests.name(pod))
                    .isNotEmpty();
            Set<String> reached = egress.reachable(pod);
            Set<String> expected = new TreeSet<>(NEEDS.get(role));
            expected.add("dns");
            assertThat(reached)
                    .as("what %s (%s) may reach", K8sManifests.name(pod), role)
                    .isEqualTo(expected);
        }
    }
}
