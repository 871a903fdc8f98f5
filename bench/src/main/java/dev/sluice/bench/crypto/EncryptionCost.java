package dev.sluice.bench.crypto;

import dev.sluice.schemas.crypto.ContentCipher;
import dev.sluice.schemas.crypto.DataKeyCipher;
import dev.sluice.schemas.crypto.InMemoryDataKeyStore;
import dev.sluice.schemas.crypto.LocalKeyProvider;
import dev.sluice.schemas.event.StreamEvent;
import dev.sluice.schemas.topic.Topics;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.jspecify.annotations.Nullable;

/**
 * CPU per stream event that sealing adds: a chunk serialized and read back with the plain JSON
 * serde and with the sealed one (key cached, as on the hot path), on one thread, after a warm-up.
 * Thread CPU time, not wall time, so neighbours on the machine do not enter the figure.
 */
final class EncryptionCost {
    record Result(int textBytes, double plainWriteUs, double sealedWriteUs, double plainReadUs, double sealedReadUs) {
        double addedWriteUs() {
            return sealedWriteUs - plainWriteUs;
        }

        double addedReadUs() {
            return sealedReadUs - plainReadUs;
        }
    }

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static volatile @Nullable Object sink;

    static Result measure(String text, int iterations) {
        ContentCipher cipher =
                new DataKeyCipher(new InMemoryDataKeyStore(), new LocalKeyProvider(new byte[32]), Duration.ofHours(1));
        Serde<StreamEvent> plain = Topics.CHAT_STREAM.valueSerde();
        Serde<StreamEvent> sealed = Topics.CHAT_STREAM.valueSerde(cipher);
        StreamEvent event = StreamEvent.chunk("0193a0c1-7b2a-7c3d-8e4f-5a6b7c8d9e0f", 17, text, false)
                .scoped("0193a0c1-0000-7c3d-8e4f-5a6b7c8d9e0f", "user-42");
        byte[] plainBytes = plain.serializer().serialize("chat.stream", event);
        byte[] sealedBytes = sealed.serializer().serialize("chat.stream", event);
        for (int round = 0; round < 3; round++) { // warm-up: JIT, AES-GCM intrinsics, the key cache
            write(plain, event, iterations / 2);
            write(sealed, event, iterations / 2);
            read(plain, plainBytes, iterations / 2);
            read(sealed, sealedBytes, iterations / 2);
        }
        return new Result(
                text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
                write(plain, event, iterations),
                write(sealed, event, iterations),
                read(plain, plainBytes, iterations),
                read(sealed, sealedBytes, iterations));
    }

    private static double write(Serde<StreamEvent> serde, StreamEvent event, int n) {
        long start = CPU.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) sink = serde.serializer().serialize("chat.stream", event);
        return (CPU.getCurrentThreadCpuTime() - start) / 1e3 / n;
    }

    private static double read(Serde<StreamEvent> serde, byte[] bytes, int n) {
        long start = CPU.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) sink = serde.deserializer().deserialize("chat.stream", bytes);
        return (CPU.getCurrentThreadCpuTime() - start) / 1e3 / n;
    }

    private EncryptionCost() {}
}
