package dev.sluice.gateway.chat;

import dev.sluice.bridge.OpenResponse;
import dev.sluice.bridge.StreamTicket;

/** A request written to {@code chat.requests}: its ticket (owner, model, time) and the events of its answer. */
record AcceptedRequest(String correlationId, String conversationId, StreamTicket ticket, OpenResponse events) {}
