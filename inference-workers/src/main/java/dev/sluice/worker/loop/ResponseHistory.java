package dev.sluice.worker.loop;

/**
 * What a response already put on {@code chat.stream}: how a worker that takes over a partition
 * continues a dead worker's answer instead of starting it again. {@link StreamHistory} reads it
 * from Kafka.
 */
interface ResponseHistory extends AutoCloseable {
    /** @param lastSeq the highest sequence already published; text: the content so far */
    record Progress(long lastSeq, String text, boolean finished) {
        static final Progress NONE = new Progress(0, "", false);
    }

    /** The response's events published since {@code sinceMs} (its routing time). */
    Progress of(String correlationId, long sinceMs);

    @Override
    void close();
}
