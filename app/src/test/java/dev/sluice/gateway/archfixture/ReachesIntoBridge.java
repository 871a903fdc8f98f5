package dev.sluice.gateway.archfixture;

import dev.sluice.bridge.route.EventFeed;

/** A gateway class that reaches into the bridge's internals, as ingress-api did before StreamBridge took a request value. */
public final class ReachesIntoBridge {
    public String idOf(EventFeed feed) {
        return feed.correlationId();
    }
}
