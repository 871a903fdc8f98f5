package dev.sluice.it.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.bridge.Claim;
import dev.sluice.bridge.RegistryUnavailableException;
import dev.sluice.bridge.StreamTicket;
import dev.sluice.bridge.registry.StreamRegistry;
import dev.sluice.it.TestStack;
import dev.sluice.schemas.id.Ids;
import dev.sluice.schemas.net.LocalPorts;
import dev.sluice.schemas.net.PortReservation;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TimeoutOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Ownership of stream ids in the real Redis, and what happens when Redis cannot be reached. */
class StreamRegistryTest {

    @Test
    void anIdNamesOneResponseAndOnlyItsOwnerSeesIt() {
        StreamRegistry registry =
                new StreamRegistry(TestStack.get().context().getBean(RedisClient.class), Duration.ofMinutes(5));
        String id = "client-chosen-" + Ids.newId();
        StreamTicket ticket = new StreamTicket("alice", System.currentTimeMillis(), "m", true);

        Claim first = registry.claim(id, ticket);
        Claim reused = registry.claim(id, new StreamTicket("mallory", System.currentTimeMillis(), "m", false));

        assertThat(first).isEqualTo(Claim.CLAIMED);
        assertThat(reused).isEqualTo(Claim.TAKEN);
        assertThat(registry.owned(id, "alice")).contains(ticket);
        assertThat(registry.owned(id, "mallory")).isEmpty();
        registry.release(id);
        assertThat(registry.owned(id, "alice")).isEmpty();
    }

    @Test
    void withRedisDownRequestsAreAcceptedButNobodyCanResume() throws Exception {
        // Reserved and never bound, so nothing listens there while the test runs.
        PortReservation closedPort = LocalPorts.reserve();
        RedisClient down = RedisClient.create("redis://127.0.0.1:" + closedPort.port());
        down.setOptions(ClientOptions.builder()
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofMillis(200)))
                .build());
        StreamRegistry registry = new StreamRegistry(down, Duration.ofMinutes(5));
        try {
            String id = Ids.newId();

            assertThat(registry.claim(id, new StreamTicket("alice", System.currentTimeMillis(), "m", false)))
                    .isEqualTo(Claim.UNVERIFIED);
            // Fails closed, but as "retry", not as "no such stream" (a resume must not be told its stream is gone).
            assertThatThrownBy(() -> registry.owned(id, "alice")).isInstanceOf(RegistryUnavailableException.class);
            assertThat(registry.abandoned(id, 1)).as("attachment unknown").isNull();
        } finally {
            registry.close();
            down.shutdown();
            closedPort.close();
        }
    }
}
