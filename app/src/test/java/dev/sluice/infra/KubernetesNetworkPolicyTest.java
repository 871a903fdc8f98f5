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
     * Redis and serves history from PostgreSQL; the topology caches in Redis; workers only talk
     * to Kafka (and a remote engine, added by the operator); persistence writes PostgreSQL and
     * Redis; the kafka-setup Job only Kafka.
     */
    private static final Map<String, Set<String>> NEEDS = Map.of(
            "gateway", Set.of("kafka", "redis", "postgres"),
            "topology", Set.of("kafka", "redis"),
            "worker", Set.of("kafka"),
            "persistence", Set.of("kafka", "redis", "postgres"),
            "kafka-setup", Set.of("kafka"));

    private final AppSettings app = AppSettings.load();
    private final K8sManifests k8s = new K8sManifests();
    private final List<Map<String, Object>> policies = k8s.ofKind("NetworkPolicy");

    @Test
    void ingressAdmitsTheApiOnlyToGatewaysAndScrapesOnlyOnTheManagementPort() {
        int management = Integer.parseInt(String.valueOf(Yamls.mapAt(k8s.find("ConfigMap", "sluice-config").orElseThrow(), "data").get("MANAGEMENT_SERVER_PORT")));
        for (Map<String, Object> w : k8s.ofKind(K8sManifests.WORKLOAD_KINDS.toArray(String[]::new))) {
            String role = K8sManifests.env(K8sManifests.container(w)).get("SLUICE_ROLES");
            List<Map<String, Object>> selecting = selecting(w, "Ingress");
            assertThat(selecting).as("ingress policies selecting " + K8sManifests.name(w)).isNotEmpty();
            boolean openToAll = false;
            for (Map<String, Object> p : selecting) {
                for (Object rule : Yamls.listAt(p, "spec.ingress")) {
                    Map<String, Object> r = Yamls.map(rule, "ingress rule");
                    for (Object port : Yamls.listAt(r, "ports")) {
                        int resolved = K8sManifests.resolvePort(K8sManifests.container(w), Yamls.map(port, "port").get("port"));
                        // From anywhere: the API port only; from Prometheus: the management port only.
                        assertThat(resolved).as("%s ingress port in %s", K8sManifests.name(w), K8sManifests.name(p))
                                .isEqualTo(r.containsKey("from") ? management : app.serverPort());
                    }
                    if (!r.containsKey("from")) openToAll = true;
                }
            }
            assertThat(openToAll).as("%s (%s) reachable from anywhere", K8sManifests.name(w), role).isEqualTo("gateway".equals(role));
        }
    }

    @Test
    void everyPodMayReachDnsAndExactlyTheServicesItsRoleUses() {
        List<Map<String, Object>> pods = new ArrayList<>(k8s.ofKind(K8sManifests.WORKLOAD_KINDS.toArray(String[]::new)));
        pods.addAll(k8s.ofKind("Job"));
        assertThat(pods.stream().map(p -> K8sManifests.podLabels(p).get("sluice.dev/role")).toList()).containsExactlyInAnyOrderElementsOf(NEEDS.keySet());
        for (Map<String, Object> pod : pods) {
            String role = K8sManifests.podLabels(pod).get("sluice.dev/role");
            List<Map<String, Object>> selecting = selecting(pod, "Egress");
            assertThat(selecting).as("egress policies selecting " + K8sManifests.name(pod)).isNotEmpty();
            Set<String> reached = new TreeSet<>();
            for (Map<String, Object> p : selecting) {
                for (Object rule : Yamls.listAt(p, "spec.egress")) {
                    Map<String, Object> r = Yamls.map(rule, "egress rule");
                    assertThat(r).as("egress rule of %s open to every destination or port", K8sManifests.name(p)).containsKeys("to", "ports");
                    for (Object port : Yamls.listAt(r, "ports")) {
                        int n = (Integer) Yamls.map(port, "port").get("port");
                        for (Object to : Yamls.listAt(r, "to")) reached.add(destination(Yamls.map(to, "egress peer"), n));
                    }
                }
            }
            Set<String> expected = new TreeSet<>(NEEDS.get(role));
            expected.add("dns");
            assertThat(reached).as("what %s (%s) may reach", K8sManifests.name(pod), role).isEqualTo(expected);
        }
    }

    /**
     * The name of the infrastructure Service in infrastructure.yaml whose ExternalName lives in
     * the peer's namespace and listens on the port, or "dns" for kube-dns on 53.
     */
    private String destination(Map<String, Object> peer, int port) {
        assertThat(peer).as("egress peer %s has no ipBlock (the internet)", peer).doesNotContainKey("ipBlock");
        // The label's key has dots, so it is read by hand rather than by a dotted path.
        String namespace = String.valueOf(Yamls.mapAt(peer, "namespaceSelector.matchLabels").get("kubernetes.io/metadata.name"));
        if (port == 53) {
            assertThat(namespace).isEqualTo("kube-system");
            assertThat(Yamls.str(peer, "podSelector.matchLabels.k8s-app")).isEqualTo("kube-dns");
            return "dns";
        }
        for (Map<String, Object> svc : k8s.ofKind("Service")) {
            if (!"ExternalName".equals(Yamls.mapAt(svc, "spec").get("type"))) continue;
            String[] host = Yamls.str(svc, "spec.externalName").split("\\.");
            List<Integer> ports = Yamls.listAt(svc, "spec.ports").stream().map(p -> (Integer) Yamls.map(p, "port").get("port")).toList();
            if (host[1].equals(namespace) && ports.contains(port)) return K8sManifests.name(svc);
        }
        throw new AssertionError("egress to namespace " + namespace + " port " + port + " is no infrastructure Service");
    }

    private List<Map<String, Object>> selecting(Map<String, Object> pod, String type) {
        return policies.stream().filter(p -> Yamls.listAt(p, "spec.policyTypes").contains(type))
                .filter(p -> selects(Yamls.mapAt(p, "spec.podSelector"), K8sManifests.podLabels(pod))).toList();
    }

    /** A label selector: every matchLabels entry and every {@code In} expression must hold. */
    static boolean selects(Map<String, Object> selector, Map<String, String> labels) {
        Object matchLabels = selector.get("matchLabels");
        if (matchLabels != null && !K8sManifests.selectsLabels(Yamls.map(matchLabels, "matchLabels"), labels)) return false;
        Object expressions = selector.get("matchExpressions");
        if (expressions == null) return true;
        for (Object e : Yamls.list(expressions, "matchExpressions")) {
            Map<String, Object> ex = Yamls.map(e, "matchExpression");
            if (!"In".equals(ex.get("operator"))) throw new AssertionError("unsupported operator " + ex.get("operator"));
            if (!Yamls.list(ex.get("values"), "values").stream().map(String::valueOf).toList().contains(labels.get(String.valueOf(ex.get("key"))))) return false;
        }
        return true;
    }
}
