package dev.sluice.bridge;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What {@link StreamBridge#stream} needs to write one response to one client as SSE.
 *
 * @param request   the HTTP request (it goes async; the request thread returns at once)
 * @param response  the HTTP response the events are written to
 * @param events    the response's events; taken over (closed when the stream ends)
 * @param ticket    who owns the response and how its chunks are formatted (model, creation time, usage)
 * @param fromStart whether the client has nothing yet, so the role chunk (id 0) goes first
 */
public record SseRequest(
        HttpServletRequest request,
        HttpServletResponse response,
        OpenResponse events,
        StreamTicket ticket,
        boolean fromStart) {}
