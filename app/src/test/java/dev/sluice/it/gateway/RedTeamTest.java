package dev.sluice.it.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.it.GatewayInstance;
import dev.sluice.it.TestStack;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The red-team battery of issue 15: abuse cases across authentication, role spoofing,
 * correlation-id hijack, resource exhaustion, rate-limit evasion and injection through every
 * field, against the real stack (embedded KRaft broker, Redis, PostgreSQL, stories260K). Each
 * is refused (4xx with a clean OpenAI error JSON: no stack trace, no internal class names) or
 * neutralized (what the case says it must not do did not happen); none gets a status of 500 or
 * more; afterwards a normal chat works, the victim's stream is intact and health is UP.
 *
 * <p>A second gateway ({@code strict}) checks issuer and audience and has a chat bucket of two
 * requests, for the claims and rate-limit evasion cases. The cases are in {@link RedTeamCases}.
 */
class RedTeamTest {
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String ISSUER = "sluice-redteam";
    static final String AUDIENCE = "sluice-api";
    /** What an error body must never hold: a stack trace or the names of our classes and libraries. */
    private static final List<String> LEAKS = List.of(
            "Exception",
            "\tat ",
            "java.",
            "dev.sluice",
            "org.springframework",
            "org.apache",
            "tools.jackson",
            "com.fasterxml",
            "nimbus",
            "lettuce",
            "org.postgresql");

    static TestStack stack;
    static TestTokens tokens;
    static GatewayInstance strict;
    /** A finished response of another user, and its conversation: what the hijack cases go after. */
    static String victim;

    static String victimStream;
    static String victimConversation;
    /** A finished response of the user who floods its own resumes. */
    static String hoarder;

    static String hoarderStream;
    /** A user whose chat bucket on the strict gateway is spent. */
    static String evader;

    @BeforeAll
    static void setUp() throws Exception {
        stack = TestStack.get();
        tokens = new TestTokens(stack.dataDir());
        strict = new GatewayInstance(
                stack,
                Map.of(
                        "sluice.auth.issuer",
                        ISSUER,
                        "sluice.auth.audience",
                        AUDIENCE,
                        "sluice.ratelimit.requests-per-window",
                        "2"));

        victim = "rt-victim-" + RUN;
        victimConversation = "rt-victim-conv-" + RUN;
        RawHttp.Response v = chat(
                stack.baseUrl(),
                stack.token(victim),
                "{\"model\":\"stories260K\",\"max_tokens\":3,\"conversation_id\":\"" + victimConversation
                        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Once upon a time " + secret() + "\"}]}");
        assertThat(v.status()).as(v.text()).isEqualTo(200);
        victimStream = v.header("X-Request-Id");

        hoarder = "rt-hoarder-" + RUN;
        RawHttp.Response h = chat(
                stack.baseUrl(),
                stack.token(hoarder),
                "{\"model\":\"stories260K\",\"max_tokens\":3,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"A cat\"}]}");
        assertThat(h.status()).as(h.text()).isEqualTo(200);
        hoarderStream = h.header("X-Request-Id");

        // Two chats, even invalid ones, spend the strict gateway's bucket of two.
        evader = "rt-evader-" + RUN;
        for (int i = 0; i < 2; i++) {
            RawHttp.Response spent = chat(strict.baseUrl(), strictToken(evader), "{}");
            assertThat(spent.status()).as(spent.text()).isEqualTo(400);
        }
    }

    static Stream<RedTeamCases.Case> cases() {
        List<RedTeamCases.Case> all = new ArrayList<>();
        RedTeamCases.authentication(all);
        RedTeamCases.roleSpoofing(all);
        RedTeamCases.hijack(all);
        RedTeamAbuseCases.exhaustion(all);
        RedTeamAbuseCases.evasion(all);
        RedTeamAbuseCases.injection(all);
        Set<String> names = new HashSet<>();
        all.forEach(c ->
                assertThat(names.add(c.name())).as("distinct case %s", c.name()).isTrue());
        assertThat(all).as("the battery's size").hasSizeGreaterThanOrEqualTo(60);
        return all.stream();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void isRefusedOrNeutralized(RedTeamCases.Case c) throws Exception {
        List<RawHttp.Response> responses = c.attack().run();

        assertThat(responses).as(c.name()).isNotEmpty();
        for (RawHttp.Response r : responses) {
            assertThat(r.status())
                    .as("%s: never a server error, got %s", c.name(), r.text())
                    .isLessThan(500);
            assertThat(c.allowed()).as("status of %s: %s", c.name(), r.text()).contains(r.status());
            if (r.status() >= 400) assertCleanError(c, r);
            c.check().accept(r);
        }
    }

    private static void assertCleanError(RedTeamCases.Case c, RawHttp.Response r) {
        assertThat(r.header("Content-Type")).as("%s: content type", c.name()).startsWith("application/json");
        JsonNode error = r.json().path("error");
        assertThat(error.path("message").asString()).as("%s: message", c.name()).isNotBlank();
        assertThat(error.path("type").asString()).as("%s: type", c.name()).isNotBlank();
        assertThat(error.has("code")).as("%s: code", c.name()).isTrue();
        if (c.code() != null && r.status() != 429) {
            assertThat(error.path("code").asString())
                    .as("code of %s: %s", c.name(), r.text())
                    .isEqualTo(c.code());
        }
        String body = r.text();
        for (String leak : LEAKS)
            assertThat(body).as("%s leaks %s", c.name(), leak).doesNotContain(leak);
    }

    @AfterAll
    static void theStackIsHealthyAndTheVictimUntouched() throws Exception {
        RawHttp.Response normal = chat(
                stack.baseUrl(),
                stack.token("rt-after-" + RUN),
                "{\"model\":\"stories260K\",\"max_tokens\":4,\"messages\":[{\"role\":\"user\",\"content\":\"Once upon a time\"}]}");
        assertThat(normal.status()).as(normal.text()).isEqualTo(200);
        assertThat(normal.json()
                        .path("choices")
                        .path(0)
                        .path("message")
                        .path("content")
                        .asString())
                .isNotEmpty();

        // The victim's stream was neither read nor cancelled by anyone else: it replays whole, ending in done.
        RawHttp.Response replay = RawHttp.send(
                stack.baseUrl(),
                "GET",
                "/v1/streams/" + victimStream,
                Map.of("Authorization", "Bearer " + stack.token(victim)),
                new byte[0]);
        assertThat(replay.status()).as(replay.text()).isEqualTo(200);
        assertThat(replay.text()).contains("[DONE]").doesNotContain("cancelled");

        for (String base : List.of(stack.baseUrl(), strict.baseUrl())) {
            RawHttp.Response health = RawHttp.send(base, "GET", "/actuator/health", Map.of(), new byte[0]);
            assertThat(health.status()).as(health.text()).isEqualTo(200);
            assertThat(health.json().path("status").asString()).isEqualTo("UP");
        }
        strict.close();
    }

    // ---- helpers for the cases

    /** A word only the victim's conversation holds. */
    static String secret() {
        return "victimsecret" + RUN.replace("-", "");
    }

    static String strictToken(String user) {
        return tokens.hs256(
                TestTokens.claims(user).issuer(ISSUER).audience(AUDIENCE).build());
    }

    static RawHttp.Response chat(String base, String token, String json) throws Exception {
        return send(base, "POST", "/v1/chat/completions", token, Map.of(), json.getBytes(StandardCharsets.UTF_8));
    }

    static RawHttp.Response send(
            String base, String method, String path, String token, Map<String, String> extra, byte[] body)
            throws Exception {
        Map<String, String> h = new LinkedHashMap<>();
        if (token != null) h.put("Authorization", "Bearer " + token);
        if (body.length > 0 || "POST".equals(method)) {
            h.put("Content-Type", "application/json");
            h.put("Content-Length", Integer.toString(body.length));
        }
        h.putAll(extra);
        return RawHttp.send(base, method, path, h, body);
    }
}
