package dev.sluice.infra;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** A host and port named in a setting: {@code h:p[,h:p]}, {@code redis://h:p}, {@code jdbc:postgresql://h:p/db}, {@code http://h:p/v1}. */
record Address(String host, int port) {

    static List<Address> parseAll(String value) {
        String v = value.startsWith("jdbc:") ? value.substring(5) : value;
        List<Address> out = new ArrayList<>();
        if (v.contains("://")) {
            URI uri = URI.create(v);
            int port = uri.getPort() >= 0 ? uri.getPort() : defaultPort(uri.getScheme());
            out.add(new Address(uri.getHost(), port));
            return out;
        }
        for (String part : v.split(",")) {
            String[] hp = part.trim().split(":");
            if (hp.length != 2) throw new AssertionError("not host:port: '" + part + "' in '" + value + "'");
            out.add(new Address(hp[0], Integer.parseInt(hp[1])));
        }
        return out;
    }

    private static int defaultPort(String scheme) {
        return switch (scheme) {
            case "http" -> 80;
            case "https" -> 443;
            case "redis" -> 6379;
            case "postgresql" -> 5432;
            default -> throw new AssertionError("no default port known for " + scheme);
        };
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
