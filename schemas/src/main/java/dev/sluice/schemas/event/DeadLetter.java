package dev.sluice.schemas.event;

/** Value of {@code chat.deadletter}: a record no consumer could process, with where it came from. */
public record DeadLetter(String topic, int partition, long offset, String key, String value, String reason, String consumer, long tsMs) {
}
