package dev.sluice.topology.pipeline;

import dev.sluice.schemas.kafka.FailureReasons;

/**
 * A request that parsed but cannot be prepared. Thrown, not dropped, so the processing exception
 * handler dead-letters it; its message names the missing field only, so it may be shown.
 */
final class UnusableRequest extends IllegalArgumentException implements FailureReasons.ContentFree {
    UnusableRequest(String why) {
        super("unusable ChatRequested: " + why);
    }
}
