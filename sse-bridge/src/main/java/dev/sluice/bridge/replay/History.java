package dev.sluice.bridge.replay;

import dev.sluice.schemas.event.StreamEvent;
import java.util.List;

/**
 * The events of one response already in Kafka when a resume began.
 *
 * @param events   those after the client's last event id, in order
 * @param finished whether the terminal event was seen, even one at or before the last event id
 *                 (then the client already has the whole response)
 * @param firstSeq the lowest sequence found for the response, or -1 when none; more than one
 *                 means replay started too late in the partition
 */
public record History(List<StreamEvent> events, boolean finished, long firstSeq) {
    public static final History EMPTY = new History(List.of(), false, -1);
}
