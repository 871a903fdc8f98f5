package dev.sluice.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * infra/k8s/network-policy.yaml evaluated for one pod: the policies selecting it (matchLabels and
 * {@code In} expressions) and what its egress rules let it reach, named by the infrastructure
 * Services of infrastructure.yaml ({@code kafka}, {@code redis}, {@code postgres}) or {@code dns}.
 */
final class EgressPolicies {
    private final K8sManifests k8s;
    private final List<Map<String, Object>> policies;

    EgressPolicies(K8sManifests k8s) {
        this.k8s = k8s;
        this.policies = k8s.ofKind("NetworkPolicy");
    }

    /** What the pod's egress rules reach; every rule must name destinations and ports. */
    Set<String> reachable(Map<String, Object> pod) {
        Set<String> reached = new TreeSet<>();
        for (Map<String, Object> p : selecting(pod, "Egress")) {
            for (Object rule : Yamls.listAt(p, "spec.egress")) {
                Map<String, Object> r = Yamls.map(rule, "egress rule");
                assertThat(r)
                        .as("egress rule of %s open to every destination or port", K8sManifests.name(p))
                        .containsKeys("to", "ports");
                for (Object port : Yamls.listAt(r, "ports")) {
                    int n = (Integer) Yamls.map(port, "port").get("port");
                    for (Object to : Yamls.listAt(r, "to")) reached.add(destination(Yamls.map(to, "egress peer"), n));
                }
            }
        }
        return reached;
    }

    /**
     * The name of the infrastructure Service in infrastructure.yaml whose ExternalName lives in
     * the peer's namespace and listens on the port, or "dns" for kube-dns on 53.
     */
    private String destination(Map<String, Object> peer, int port) {
        assertThat(peer)
                .as("egress peer %s has no ipBlock (the internet)", peer)
                .doesNotContainKey("ipBlock");
        // The label's key has dots, so it is read by hand rather than by a dotted path.
        String namespace = String.valueOf(
                Yamls.mapAt(peer, "namespaceSelector.matchLabels").get("kubernetes.io/metadata.name"));
        if (port == 53) {
            assertThat(namespace).isEqualTo("kube-system");
            assertThat(Yamls.str(peer, "podSelector.matchLabels.k8s-app")).isEqualTo("kube-dns");
            return "dns";
        }
        for (Map<String, Object> svc : k8s.ofKind("Service")) {
            if (!"ExternalName".equals(Yamls.mapAt(svc, "spec").get("type"))) continue;
            String[] host = Yamls.str(svc, "spec.externalName").split("\\.");
            List<Integer> ports = Yamls.listAt(svc, "spec.ports").stream()
                    .map(p -> (Integer) Yamls.map(p, "port").get("port"))
                    .toList();
            if (host[1].equals(namespace) && ports.contains(port)) return K8sManifests.name(svc);
        }
        throw new AssertionError(
                "egress to namespace " + namespace + " port " + port + " is no infrastructure Service");
    }

    List<Map<String, Object>> selecting(Map<String, Object> pod, String type) {
        return policies.stream()
                .filter(p -> Yamls.listAt(p, "spec.policyTypes").contains(type))
                .filter(p -> selects(Yamls.mapAt(p, "spec.podSelector"), K8sManifests.podLabels(pod)))
                .toList();
    }

    /** A label selector: every matchLabels entry and every {@code In} expression must hold. */
    static boolean selects(Map<String, Object> selector, Map<String, String> labels) {
        Object matchLabels = selector.get("matchLabels");
        if (matchLabels != null && !K8sManifests.selectsLabels(Yamls.map(matchLabels, "matchLabels"), labels))
            return false;
        Object expressions = selector.get("matchExpressions");
        if (expressions == null) return true;
        for (Object e : Yamls.list(expressions, "matchExpressions")) {
            Map<String, Object> ex = Yamls.map(e, "matchExpression");
            if (!"In".equals(ex.get("operator")))
                throw new AssertionError("unsupported operator " + ex.get("operator"));
            if (!Yamls.list(ex.get("values"), "values").stream()
                    .map(String::valueOf)
                    .toList()
                    .contains(labels.get(String.valueOf(ex.get("key"))))) return false;
        }
        return true;
    }
}
