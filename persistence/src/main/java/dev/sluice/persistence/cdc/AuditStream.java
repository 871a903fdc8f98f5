package dev.sluice.persistence.cdc;

import dev.sluice.persistence.erasure.ErasurePropagator;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Debezium engine that streams the conversation tables' changes (pgoutput,
 * publication and replica identity set up by the Flyway migration) to {@code sluice.audit},
 * with its offsets in a Kafka topic so a restart resumes where it stopped.
 */
public final class AuditStream implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AuditStream.class);

    private final DebeziumEngine<ChangeEvent<String, String>> engine;
    private final ExecutorService executor;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running;

    public AuditStream(CdcSettings settings, Producer<String, String> auditProducer, ErasurePropagator erasure,
                       CdcMetrics metrics, Clock clock) {
        ChangeEventHandler handler = new ChangeEventHandler(auditProducer, erasure, metrics, clock, () -> running);
        this.engine = DebeziumEngine.create(Json.class)
                .using(settings.engineProperties())
                .using((success, message, error) -> {
                    if (success) log.info("audit stream stopped: {}", message);
                    else log.error("audit stream failed: {}", message, error);
                    stopped.countDown();
                })
                .notifying(handler)
                .build();
        this.executor = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("sluice-audit-stream").daemon().factory());
    }

    public void start() {
        running = true;
        executor.execute(engine);
    }

    @Override
    public void close() throws Exception {
        running = false;
        engine.close();
        executor.shutdown();
        if (!executor.awaitTermination(30, TimeUnit.SECONDS)) log.warn("audit stream did not stop within 30 s");
    }
}
