package dev.sluice.bridge.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class GuardedOutputTest {

    @Test
    void nothingIsWrittenAfterEitherSideEndedTheResponse() throws Exception {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        GuardedOutput out = new GuardedOutput(response);
        out.write("data: a\n\n".getBytes());

        boolean containerEndedFirst = out.end();
        boolean writerEndedToo = out.end();

        assertThat(containerEndedFirst).isTrue();
        assertThat(writerEndedToo).as("only one side completes the request").isFalse();
        assertThatThrownBy(() -> out.write("data: b\n\n".getBytes())).isInstanceOf(IOException.class);
        assertThatThrownBy(out::flush).isInstanceOf(IOException.class);
        assertThat(response.toString()).isEqualTo("data: a\n\n");
    }
}
