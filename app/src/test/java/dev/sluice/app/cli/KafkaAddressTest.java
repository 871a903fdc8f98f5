package dev.sluice.app.cli;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class KafkaAddressTest {

    @Test
    void acceptsHostPortLists() {
        for (String ok :
                List.of("127.0.0.1:19092", "kafka-1:9092,kafka-2:9092", "broker.example.com:9093", "[::1]:9092")) {
            assertThatCode(() -> KafkaAddress.check(ok)).as(ok).doesNotThrowAnyException();
        }
    }

    @Test
    void namesWhatIsWrongWithABadOne() {
        for (String bad :
                List.of("localhost", "PLAINTEXT://127.0.0.1:9092", "127.0.0.1:", "h:99999", "h:1,", "h 1:2")) {
            assertThatThrownBy(() -> KafkaAddress.check(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("HOST:PORT")
                    .hasMessageContaining("'" + bad + "'");
        }
    }

    @Test
    void theDevFlagIsParsed() {
        Args a = Args.parse(new String[] {"--kafka", "127.0.0.1:19092", "--fresh"});

        org.assertj.core.api.Assertions.assertThat(a.get("kafka", null)).isEqualTo("127.0.0.1:19092");
        org.assertj.core.api.Assertions.assertThat(a.flag("fresh")).isTrue();
    }
}
