package dev.sluice.bridge.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.bridge.ReplayRefusedException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The resume pool's two refusals (issue 15 item 6): a taker waits a bounded time for a free slot
 * and is then told the gateway is busy (503), and a user over its share is refused at once (429);
 * a refusal never keeps a slot or a share.
 */
class ReplaySlotsTest {

    @Test
    void aTakerWaitsAtMostTheWaitWhenEverySlotIsHeldThenIsToldTheGatewayIsBusy() throws Exception {
        ReplaySlots<String> slots = new ReplaySlots<>(List.of("c0"), Duration.ofMillis(200), 2);
        String held = slots.acquire("alice");

        long t0 = System.nanoTime();
        assertThatThrownBy(() -> slots.acquire("bob"))
                .isInstanceOfSatisfying(
                        ReplayRefusedException.class,
                        e -> assertThat(e.userShare())
                                .as("busy, not over share")
                                .isFalse())
                .hasMessageContaining("no replay consumer came free within PT0.2S");
        assertThat(Duration.ofNanos(System.nanoTime() - t0))
                .as("it waited for a slot first")
                .isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(slots.held("bob")).as("a refused taker keeps no share").isZero();

        slots.release("alice", held);
        assertThat(slots.acquire("bob")).isEqualTo("c0");
    }

    @Test
    void aWaitingTakerGetsTheSlotGivenBackMeanwhile() throws Exception {
        ReplaySlots<String> slots = new ReplaySlots<>(List.of("c0"), Duration.ofSeconds(30), 2);
        String held = slots.acquire("alice");
        CompletableFuture<String> bob = CompletableFuture.supplyAsync(() -> {
            try {
                return slots.acquire("bob");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(bob).isNotDone();
        slots.release("alice", held);
        assertThat(bob.get(30, TimeUnit.SECONDS)).isEqualTo("c0");
    }

    @Test
    void aUserOverItsShareIsRefusedAtOnceWhileSlotsAreFree() throws Exception {
        ReplaySlots<String> slots = new ReplaySlots<>(List.of("c0", "c1", "c2", "c3"), Duration.ofSeconds(30), 2);
        slots.acquire("mallory");
        slots.acquire("mallory");

        long t0 = System.nanoTime();
        assertThatThrownBy(() -> slots.acquire("mallory")).isInstanceOfSatisfying(ReplayRefusedException.class, e -> {
            assertThat(e.userShare()).isTrue();
            assertThat(e.limit()).isEqualTo(2);
        });
        assertThat(Duration.ofNanos(System.nanoTime() - t0))
                .as("no wait for an over-share request")
                .isLessThan(Duration.ofSeconds(10));
        assertThat(slots.free()).as("the refusal took no slot").isEqualTo(2);
        assertThat(slots.acquire("alice")).as("another user still gets one").isNotNull();
    }
}
