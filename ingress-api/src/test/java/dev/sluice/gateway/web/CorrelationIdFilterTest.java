package dev.sluice.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.ServletRequest;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The correlation id routes tokens, so the server always mints it; a client's X-Request-Id is only traced. */
class CorrelationIdFilterTest {
    private final CorrelationIdFilter filter =
            new CorrelationIdFilter(new SimpleMeterRegistry(), () -> "minted-by-the-bridge-0001");

    @Test
    void aClientChosenRequestIdNeverBecomesTheCorrelationId() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/chat/completions");
        request.addHeader("X-Request-Id", "0198f2b1-another-users-stream");
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicReference<Object> seen = new AtomicReference<>();
        AtomicReference<String> clientInLogs = new AtomicReference<>();

        filter.doFilter(request, response, (ServletRequest req, jakarta.servlet.ServletResponse res) -> {
            seen.set(req.getAttribute(CorrelationIdFilter.ATTRIBUTE));
            clientInLogs.set(MDC.get(CorrelationIdFilter.CLIENT_MDC_KEY));
        });

        assertThat(seen.get()).isEqualTo("minted-by-the-bridge-0001");
        assertThat(response.getHeader("X-Request-Id")).isEqualTo("minted-by-the-bridge-0001");
        assertThat(response.getHeader(CorrelationIdFilter.CLIENT_HEADER)).isEqualTo("0198f2b1-another-users-stream");
        assertThat(clientInLogs.get()).isEqualTo("0198f2b1-another-users-stream");
        assertThat(MDC.get(CorrelationIdFilter.CLIENT_MDC_KEY))
                .as("cleared after the request")
                .isNull();
    }

    @Test
    void aMalformedClientIdIsNeitherEchoedNorLogged() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v1/models");
        request.addHeader("X-Request-Id", "<script>alert(1)</script>");
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, (req, res) -> {});

        assertThat(response.getHeader("X-Request-Id")).isEqualTo("minted-by-the-bridge-0001");
        assertThat(response.getHeader(CorrelationIdFilter.CLIENT_HEADER)).isNull();
    }
}
