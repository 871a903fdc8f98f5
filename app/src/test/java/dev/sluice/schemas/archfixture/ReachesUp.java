package dev.sluice.schemas.archfixture;

import dev.sluice.bridge.StreamBridge;

/** A schemas class that points up the graph, at the bridge. */
public final class ReachesUp {
    public String mint(StreamBridge bridge) {
        return bridge.mint();
    }
}
