package dev.sluice.gateway.chat;

import dev.sluice.bridge.route.Subscription;

/** A request written to {@code chat.requests}, with the subscription that receives its answer. */
record AcceptedRequest(String correlationId, String conversationId, String model, long acceptedAtMs, Subscription subscription) {
}
