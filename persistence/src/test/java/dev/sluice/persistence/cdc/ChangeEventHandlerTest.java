package dev.sluice.persistence.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChangeEventHandlerTest {

    @Test
    void readsTheOperationOfAnEnvelopeWithoutBeingFooledByRowValues() {
        String envelope = """
                {"before":null,"after":{"id":"m1","role":"user \\"op\\":\\"x\\"","turn":0},\
                "source":{"table":"messages","ts_ms":1},"transaction":null,"op":"c","ts_ms":2}""";
        assertThat(ChangeEventHandler.operation(envelope)).isEqualTo("c");
        assertThat(ChangeEventHandler.operation("{\"op\":\"d\"}")).isEqualTo("d");
        assertThat(ChangeEventHandler.operation("{}")).isEqualTo("?");
    }

    @Test
    void keysAuditEventsByTheRowsPrimaryKeyValue() throws Exception {
        assertThat(ChangeEventHandler.rowId("{\"id\":\"conv-1\"}")).isEqualTo("conv-1");
    }
}
