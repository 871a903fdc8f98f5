package dev.sluice.worker;

import dev.sluice.guard.GuardPipeline;
import dev.sluice.guard.GuardSettings;
import dev.sluice.schemas.config.KafkaSettings;
import dev.sluice.schemas.config.ProcessSettings;
import dev.sluice.schemas.crypto.ContentCipher;
import dev.sluice.schemas.event.ModelAnnounced;
import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.schemas.role.ConditionalOnRole;
import dev.sluice.schemas.topic.TopicProvisioner;
import dev.sluice.schemas.topic.Topics;
import dev.sluice.worker.engine.EngineChoice;
import dev.sluice.worker.engine.EngineFactory;
import dev.sluice.worker.engine.EngineSettings;
import dev.sluice.worker.engine.InferenceEngine;
import dev.sluice.worker.engine.ModelInfo;
import dev.sluice.worker.loop.WorkerClients;
import dev.sluice.worker.loop.WorkerLoop;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.core.env.ConfigurableEnvironment;

/** Wires the worker role: the engine, the loop, and the model announcement. */
@Configuration
@DependsOn(TopicProvisioner.BEAN_NAME)
@ConditionalOnRole("worker")
@EnableConfigurationProperties({EngineChoice.class, WorkerSettings.class, KafkaSettings.class, ProcessSettings.class})
public class WorkerConfig {

    /**
     * {@code sluice.engine}: {@code ffm} (in-process, llama.cpp's C API through FFM: real
     * continuous batching and a KV stream per sequence; the default), {@code llamacpp}
     * (in-process, de.kherud binding) or {@code openai} (remote OpenAI-compatible servers).
     */
    @Bean(destroyMethod = "close")
    InferenceEngine inferenceEngine(EngineChoice choice, ConfigurableEnvironment env) {
        // An engine that is also a MeterBinder is bound by Spring Boot once every singleton
        // exists (it matches the instance, not this method's return type); binding it here too
        // registered each gauge twice and logged a warning at every start.
        return EngineFactory.create(choice, EngineSettings.bind(env));
    }

    @Bean(destroyMethod = "close")
    WorkerLoop workerLoop(
            KafkaSettings kafka,
            ProcessSettings process,
            WorkerSettings settings,
            InferenceEngine engine,
            MeterRegistry meters,
            GuardPipeline guard,
            GuardSettings guardSettings,
            ContentCipher cipher) {
        boolean checkOutput = guardSettings.output();
        announce(kafka.bootstrap(), process.instanceId(), engine.info());
        WorkerClients clients = WorkerClients.connect(kafka.bootstrap(), process.instanceId(), engine.slots(), cipher);
        return new WorkerLoop(
                        clients,
                        process.instanceId(),
                        engine,
                        meters,
                        checkOutput ? guard::outputMonitor : () -> null,
                        settings.coalesceWindow(),
                        settings.coalesce(),
                        cipher)
                .start();
    }

    /** The model id clients name: the file name without {@code .gguf}. */
    public static String modelId(Path file) {
        return EngineFactory.modelId(file);
    }

    private static void announce(String bootstrap, String workerId, ModelInfo info) {
        try (var producer = new KafkaProducer<>(
                KafkaClients.producer(bootstrap, "sluice-announce-" + workerId),
                new StringSerializer(),
                Topics.MODELS.valueSerde().serializer())) {
            ModelAnnounced announced = new ModelAnnounced(
                    info.id(),
                    info.engine(),
                    info.contextLength(),
                    info.template(),
                    info.chatTemplate(),
                    workerId,
                    System.currentTimeMillis());
            producer.send(new ProducerRecord<>(Topics.MODELS.name(), info.id(), announced))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "cannot announce model " + info.id() + " on " + bootstrap + ": " + e.getMessage(), e);
        }
    }
}
