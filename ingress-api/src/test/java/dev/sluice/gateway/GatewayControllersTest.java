package dev.sluice.gateway;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.sluice.bridge.RegistryUnavailableException;
import dev.sluice.bridge.ReplayRefusedException;
import dev.sluice.bridge.StreamBridge;
import dev.sluice.bridge.StreamTicket;
import dev.sluice.gateway.auth.SecurityConfig;
import dev.sluice.gateway.chat.ChatService;
import dev.sluice.gateway.chat.GatewaySettings;
import dev.sluice.gateway.chat.RequestPublisher;
import dev.sluice.gateway.chat.RequestValidator;
import dev.sluice.gateway.chat.TokenReservations;
import dev.sluice.gateway.models.ModelCatalog;
import dev.sluice.gateway.web.WebGuardConfig;
import dev.sluice.schemas.event.ModelAnnounced;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The gateway's HTTP surface in a web slice (issue 17: ingress-api had no controller tests of
 * its own): the real security chain, servlet guards, converters, controllers and error advice,
 * with the bridge, the request publisher and the model catalog replaced. Every client mistake
 * gets an OpenAI-shaped error with a 4xx, every refusal of the server a 503 with Retry-After,
 * and nothing reaches Kafka for a request that was refused.
 */
@WebMvcTest(properties = {"sluice.roles=gateway", "sluice.instance-id=gateway-slice-test"})
@Import({SecurityConfig.class, WebGuardConfig.class, GatewayControllersTest.Wiring.class})
class GatewayControllersTest {
    private static final String TOKEN = "Bearer good-token";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    JwtDecoder jwt;

    @MockitoBean
    StreamBridge bridge;

    @MockitoBean
    ModelCatalog catalog;

    @MockitoBean
    RequestPublisher publisher;

    @SpringBootApplication
    static class App {}

    @EnableConfigurationProperties(GatewaySettings.class)
    @EnableWebSecurity
    static class Wiring {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        ChatService chatService(
                GatewaySettings settings, ModelCatalog catalog, StreamBridge bridge, RequestPublisher publisher) {
            return new ChatService(new RequestValidator(settings), catalog, bridge, publisher, TokenReservations.NONE);
        }
    }

    @BeforeEach
    void signIn() {
        Jwt alice = Jwt.withTokenValue("good-token")
                .header("alg", "ES256")
                .subject("alice")
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(300))
                .build();
        when(jwt.decode("good-token")).thenReturn(alice);
        when(jwt.decode("bad-token")).thenThrow(new BadJwtException("Signed JWT rejected: Invalid signature"));
        when(bridge.mint()).thenReturn("req-minted-1");
        ModelAnnounced model = new ModelAnnounced(
                "tiny", "ffm", 4096, "llama3", null, "worker-1", Instant.now().toEpochMilli());
        when(catalog.find("tiny")).thenReturn(Optional.of(model));
        when(catalog.all()).thenReturn(List.of(model));
    }

    @Test
    void aChatWithoutATokenIs401WithTheOpenAiErrorShape() throws Exception {
        mvc.perform(post("/v1/chat/completions")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(chat("tiny", "hi")))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer realm=\"sluice\""))
                .andExpect(jsonPath("$.error.code").value("invalid_api_key"));
        verify(publisher, never()).publish(any());
    }

    @Test
    void aBadTokenIs401AndSaysWhy() throws Exception {
        mvc.perform(post("/v1/chat/completions")
                        .header("Authorization", "Bearer bad-token")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(chat("tiny", "hi")))
                .andExpect(status().isUnauthorized())
                .andExpect(
                        jsonPath("$.error.message").value(org.hamcrest.Matchers.containsString("Invalid signature")));
    }

    @Test
    void malformedJsonIs400NotAStackTrace() throws Exception {
        mvc.perform(post("/v1/chat/completions")
                        .header("Authorization", TOKEN)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"model\":\"tiny\",\"messages\":[{"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error.type").value("invalid_request_error"))
                .andExpect(jsonPath("$.error.message")
                        .value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Exception"))));
        verify(publisher, never()).publish(any());
    }

    @Test
    void aMissingModelAndAnUnknownModelAreClientErrors() throws Exception {
        mvc.perform(post("/v1/chat/completions")
                        .header("Authorization", TOKEN)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error.code").value("missing_model"))
                .andExpect(jsonPath("$.error.param").value("model"));
        mvc.perform(post("/v1/chat/completions")
                        .header("Authorization", TOKEN)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(chat("gpt-17", "hi")))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.error.code").value("model_not_found"));
        verify(publisher, never()).publish(any());
    }

    @Test
    void noModelAnnouncedIs503() throws Exception {
        when(catalog.find("tiny")).thenReturn(Optional.empty());
        when(catalog.all()).thenReturn(List.of());
        mvc.perform(post("/v1/chat/completions")
                        .header("Authorization", TOKEN)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(chat("tiny", "hi")))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.error.code").value("no_model_loaded"));
    }

    @Test
    void emptyMessagesAndAWrongContentTypeAreRefusedBeforeKafka() throws Exception {
        mvc.perform(post("/v1/chat/completions")
                        .header("Authorization", TOKEN)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"model\":\"tiny\",\"messages\":[]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error.type").value("invalid_request_error"));
        mvc.perform(post("/v1/chat/completions")
                        .header("Authorization", TOKEN)
                        .contentType(MediaType.TEXT_PLAIN)
                        .content("hello"))
                .andExpect(status().is4xxClientError())
                .andExpect(jsonPath("$.error.type").value("invalid_request_error"));
        verify(publisher, never()).publish(any());
    }

    @Test
    void aResumeOverTheUsersShareIs429AndABusyPoolIs503BothWithRetryAfter() throws Exception {
        StreamTicket ticket = new StreamTicket("alice", System.currentTimeMillis(), "tiny", false);
        when(bridge.owned("req-a", "alice")).thenReturn(Optional.of(ticket));
        when(bridge.resume(eq("req-a"), any(), anyLong())).thenThrow(new ReplayRefusedException(true, 2, "share"));
        mvc.perform(get("/v1/streams/req-a").header("Authorization", TOKEN))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(jsonPath("$.error.code").value("too_many_resumes"));

        when(bridge.resume(eq("req-a"), any(), anyLong())).thenThrow(new ReplayRefusedException(false, 2, "busy"));
        mvc.perform(get("/v1/streams/req-a").header("Authorization", TOKEN))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(jsonPath("$.error.code").value("replay_busy"));
    }

    @Test
    void aStreamOfAnotherUserIs404AndAnUnreachableRegistryIs503() throws Exception {
        when(bridge.owned("req-b", "alice")).thenReturn(Optional.empty());
        mvc.perform(get("/v1/streams/req-b").header("Authorization", TOKEN))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.error.code").value("stream_not_found"));

        when(bridge.owned(eq("req-c"), anyString()))
                .thenThrow(new RegistryUnavailableException("req-c", new java.io.IOException("redis timed out")));
        mvc.perform(get("/v1/streams/req-c").header("Authorization", TOKEN))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(jsonPath("$.error.code").value("stream_registry_unavailable"));
    }

    private static String chat(String model, String text) {
        return "{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"" + text
                + "\"}]}";
    }
}
