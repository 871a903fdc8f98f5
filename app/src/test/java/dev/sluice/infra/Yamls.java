package dev.sluice.infra;

import java.util.List;
import java.util.Map;

/** Typed access into parsed YAML, failing with the path that was missing or of the wrong kind. */
final class Yamls {

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String where) {
        if (node instanceof Map<?, ?> m) return (Map<String, Object>) m;
        throw new AssertionError(where + ": expected a mapping, found " + node);
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node, String where) {
        if (node instanceof List<?> l) return (List<Object>) l;
        throw new AssertionError(where + ": expected a list, found " + node);
    }

    /** Follows a dotted path of mapping keys; fails naming the first key that is absent. */
    static Object at(Map<String, Object> root, String dotted) {
        Object node = root;
        StringBuilder seen = new StringBuilder();
        for (String key : dotted.split("\\.")) {
            Map<String, Object> m = map(node, seen.isEmpty() ? "(root)" : seen.toString());
            seen.append(seen.isEmpty() ? "" : ".").append(key);
            if (!m.containsKey(key)) throw new AssertionError("missing " + seen);
            node = m.get(key);
        }
        return node;
    }

    static Map<String, Object> mapAt(Map<String, Object> root, String dotted) {
        return map(at(root, dotted), dotted);
    }

    static List<Object> listAt(Map<String, Object> root, String dotted) {
        return list(at(root, dotted), dotted);
    }

    static String str(Map<String, Object> root, String dotted) {
        return String.valueOf(at(root, dotted));
    }

    private Yamls() {}
}
