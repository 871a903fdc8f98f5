package dev.sluice.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.sluice.schemas.event.StreamEvent;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;

class CreatorCallsTest {

    /** Remembers whether the last instance was built through {@link CreatorCalls}. */
    public record Probe(String name, long count, List<String> tags) {
        static final ThreadLocal<Boolean> VIA_SPREAD = new ThreadLocal<>();

        public Probe {
            VIA_SPREAD.set(StackWalker.getInstance()
                    .walk(s -> s.anyMatch(f -> f.getClassName().equals(CreatorCalls.Spread.class.getName()))));
            if ("bad".equals(name)) throw new IllegalArgumentException("name must not be bad");
        }
    }

    public static final class ByFactory {
        final String a;
        final int b;

        private ByFactory(String a, int b) {
            this.a = a;
            this.b = b;
        }

        @JsonCreator
        public static ByFactory of(@JsonProperty("a") String a, @JsonProperty("b") int b) {
            return new ByFactory(a, b);
        }
    }

    record Hidden(String a, int b) {}

    private static final JsonMapper PLAIN = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    @Test
    void recordsAreBuiltThroughTheSpreadHandle() {
        Probe p = Json.MAPPER.readValue("{\"name\":\"x\",\"count\":3,\"tags\":[\"a\",\"b\"]}", Probe.class);

        assertThat(p).isEqualTo(new Probe("x", 3, List.of("a", "b")));
        Probe.VIA_SPREAD.remove();
        Json.MAPPER.readValue("{\"name\":\"y\",\"count\":1}", Probe.class);
        assertThat(Probe.VIA_SPREAD.get()).as("built by CreatorCalls.Spread").isTrue();
        PLAIN.readValue("{\"name\":\"y\",\"count\":1}", Probe.class);
        assertThat(Probe.VIA_SPREAD.get()).as("a mapper without the module").isFalse();
    }

    @Test
    void missingPrimitivesAndNullsDecodeAsWithoutTheModule() {
        String json = "{\"name\":null,\"tags\":null}";

        assertThat(Json.MAPPER.readValue(json, Probe.class)).isEqualTo(PLAIN.readValue(json, Probe.class));
        assertThat(Json.MAPPER.readValue(json, Probe.class).count()).isZero();
    }

    @Test
    void aCreatorThatThrowsIsReportedAsJacksonReportsIt() {
        String json = "{\"name\":\"bad\",\"count\":1}";
        Throwable plain = null;
        try {
            PLAIN.readValue(json, Probe.class);
        } catch (RuntimeException e) {
            plain = e;
        }

        assertThat(plain).isInstanceOf(ValueInstantiationException.class);
        Throwable expected = plain;
        assertThatThrownBy(() -> Json.MAPPER.readValue(json, Probe.class))
                .isInstanceOf(ValueInstantiationException.class)
                .hasMessage(expected.getMessage())
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void staticFactoriesAndHiddenRecordsStillDecode() {
        ByFactory f = Json.MAPPER.readValue("{\"a\":\"q\",\"b\":7}", ByFactory.class);
        assertThat(f.a).isEqualTo("q");
        assertThat(f.b).isEqualTo(7);
        // Not public: left to Jackson's own call.
        assertThat(Json.MAPPER.readValue("{\"a\":\"q\",\"b\":7}", Hidden.class)).isEqualTo(new Hidden("q", 7));
    }

    @Test
    void streamEventsRoundTrip() {
        StreamEvent e = StreamEvent.chunk("c-1", 4, "hello", false);
        byte[] bytes = Json.MAPPER.writeValueAsBytes(e);

        assertThat(Json.MAPPER.readValue(bytes, StreamEvent.class)).isEqualTo(e);
        assertThat(Json.MAPPER.readValue(bytes, StreamEvent.class))
                .isEqualTo(PLAIN.readValue(bytes, StreamEvent.class));
    }
}
