package dev.sluice.it.gateway;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Sixty-odd distinct bad requests against the real stack, each answered with its status and an
 * OpenAI error body that says what to fix; then nothing of them is on {@code chat.requests} and
 * the server is still healthy.
 */
class BadRequestsTest {
    private static final String PATH = "/v1/chat/completions";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final Set<String> MARKERS = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static TestStack stack;
    private static TestTokens tokens;

    record Case(
            String name,
            String method,
            String path,
            Map<String, String> headers,
            byte[] body,
            int status,
            String code,
            String param) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void start() {
        stack = TestStack.get();
        tokens = new TestTokens(stack.dataDir());
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void isRefusedWithAnActionableOpenAiError(Case c) throws Exception {
        RawHttp.Response r = RawHttp.send(stack.baseUrl(), c.method(), c.path(), c.headers(), c.body());

        assertThat(r.status()).as("status of %s: %s", c.name(), r.text()).isEqualTo(c.status());
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.header("X-Request-Id")).isNotBlank();
        JsonNode error = r.json().path("error");
        assertThat(error.path("message").asString()).as(c.name()).isNotBlank();
        assertThat(error.path("type").asString()).isNotBlank();
        assertThat(error.has("param")).isTrue();
        assertThat(error.has("code")).isTrue();
        if (c.code() != null)
            assertThat(error.path("code").asString())
                    .as("code of %s: %s", c.name(), r.text())
                    .isEqualTo(c.code());
        if (c.param() != null)
            assertThat(error.path("param").asString())
                    .as("param of %s", c.name())
                    .isEqualTo(c.param());
        assertThat(r.text()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("java.");
        if (c.status() == 401) assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @AfterAll
    static void nothingReachedKafkaAndTheServerIsHealthy() throws Exception {
        List<String> leaked = RequestsTopic.valuesContainingAny(stack.property("sluice.kafka.bootstrap"), MARKERS);
        assertThat(MARKERS).hasSizeGreaterThan(40);
        assertThat(leaked).as("rejected requests on chat.requests").isEmpty();
        RawHttp.Response health = RawHttp.send(stack.baseUrl(), "GET", "/actuator/health", Map.of(), new byte[0]);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        auth(cases);
        json(cases);
        validation(cases);
        transport(cases);
        Set<String> names = new HashSet<>();
        cases.forEach(c ->
                assertThat(names.add(c.name())).as("distinct case %s", c.name()).isTrue());
        return cases.stream();
    }

    private static void auth(List<Case> cases) {
        String u = "bad-auth-" + RUN;
        cases.add(post("no Authorization header", null, good("a1"), 401, "invalid_api_key"));
        cases.add(withHeaders(
                "Basic credentials instead of a bearer token",
                Map.of("Authorization", "Basic dXNlcjpwYXNz"),
                good("a2"),
                401));
        cases.add(withHeaders("Bearer with an empty token", Map.of("Authorization", "Bearer "), good("a3"), 401));
        cases.add(post("a token that is not a JWT", "not-a-jwt", good("a4"), 401, "invalid_api_key"));
        cases.add(post(
                "alg none (unsigned) token",
                TestTokens.unsigned(TestTokens.claims(u).build()),
                good("a5"),
                401,
                "invalid_api_key"));
        cases.add(post(
                "HS256 signed with another key",
                TestTokens.hs256WithKey("x".repeat(32), TestTokens.claims(u).build()),
                good("a6"),
                401,
                "invalid_api_key"));
        cases.add(post(
                "expired token",
                tokens.hs256(TestTokens.claims(u)
                        .issueTime(ago(7200))
                        .expirationTime(ago(3600))
                        .build()),
                good("a7"),
                401,
                "invalid_api_key"));
        cases.add(post(
                "token not valid before the future",
                tokens.hs256(TestTokens.claims(u).notBeforeTime(ago(-3600)).build()),
                good("a8"),
                401,
                "invalid_api_key"));
        cases.add(post(
                "token without exp",
                tokens.hs256(TestTokens.claims(u).expirationTime(null).build()),
                good("a9"),
                401,
                "invalid_api_key"));
        cases.add(post(
                "token without sub",
                tokens.hs256(TestTokens.claims(u).subject(null).build()),
                good("a10"),
                401,
                "invalid_api_key"));
        cases.add(post(
                "sub with a trailing space",
                tokens.hs256(TestTokens.claims(u + " ").build()),
                good("a11"),
                401,
                "invalid_api_key"));
        cases.add(post(
                "sub with a leading space",
                tokens.hs256(TestTokens.claims(" " + u).build()),
                good("a12"),
                401,
                "invalid_api_key"));
        cases.add(post(
                "sub with a control character",
                tokens.hs256(TestTokens.claims(u + "\u0007").build()),
                good("a13"),
                401,
                "invalid_api_key"));
        cases.add(post(
                "sub longer than 256 characters",
                tokens.hs256(TestTokens.claims("u".repeat(300)).build()),
                good("a14"),
                401,
                "invalid_api_key"));
        cases.add(post(
                "RS256 token when HS256 is configured",
                TestTokens.rs256(TestTokens.claims(u).build()),
                good("a15"),
                401,
                "invalid_api_key"));
        cases.add(post(
                "HS512 token with the right key bytes",
                tokens.hs512(TestTokens.claims(u).build()),
                good("a16"),
                401,
                "invalid_api_key"));
        cases.add(post("signature stripped", tokens.stripped(u), good("a17"), 401, "invalid_api_key"));
        cases.add(post(
                "payload swapped after signing", tokens.tampered(u, "admin"), good("a18"), 401, "invalid_api_key"));
        Case query = post("token in the query string only", null, good("a19"), 401, "invalid_api_key");
        cases.add(new Case(
                query.name(),
                "POST",
                PATH + "?access_token=" + tokens.hs256(TestTokens.claims(u).build()),
                query.headers(),
                query.body(),
                401,
                "invalid_api_key",
                null));
    }

    private static void json(List<Case> cases) {
        String t = token("bad-json-" + RUN);
        cases.add(post("empty body", t, new byte[0], 400, "invalid_json"));
        cases.add(post("empty JSON body with content type", t, "  ".getBytes(), 400, "invalid_json"));
        cases.add(post("JSON null as the body", t, bytes("null"), 400, "invalid_json"));
        cases.add(post("not JSON at all", t, bytes("hello " + marker("j1")), 400, "invalid_json"));
        cases.add(post(
                "truncated JSON",
                t,
                bytes("{\"model\":\"stories260K\",\"messages\":[{\"role\":\"user\",\"content\":\"" + marker("j2")),
                400,
                "invalid_json"));
        cases.add(post("top-level array", t, bytes("[\"" + marker("j3") + "\"]"), 400, "invalid_json"));
        cases.add(post("top-level string", t, bytes("\"" + marker("j4") + "\""), 400, "invalid_json"));
        cases.add(post(
                "nesting 200 levels deep in an unknown field",
                t,
                bytes("{\"x\":" + "[".repeat(200) + "]".repeat(200) + "," + goodFields(marker("j5")) + "}"),
                400,
                "invalid_json"));
        cases.add(post(
                "duplicate model key",
                t,
                bytes("{\"model\":\"stories260K\",\"model\":\"other\","
                        + goodFields(marker("j6")).substring(22) + "}"),
                400,
                "invalid_json"));
        cases.add(post(
                "trailing content after the object",
                t,
                bytes(new String(good("j7"), StandardCharsets.UTF_8) + " {\"more\":1}"),
                400,
                "invalid_json"));
        cases.add(post(
                "invalid UTF-8 byte sequence",
                t,
                concat(
                        bytes("{\"model\":\"stories260K\",\"messages\":[{\"role\":\"user\",\"content\":\""
                                + marker("j8")),
                        new byte[] {(byte) 0xC3, 0x28},
                        bytes("\"}]}")),
                400,
                "invalid_encoding"));
        cases.add(post(
                "overlong UTF-8 encoding of a slash",
                t,
                concat(
                        bytes("{\"model\":\"stories260K\",\"messages\":[{\"role\":\"user\",\"content\":\""
                                + marker("j9")),
                        new byte[] {(byte) 0xC0, (byte) 0xAF},
                        bytes("\"}]}")),
                400,
                "invalid_encoding"));
        cases.add(post(
                "UTF-8 encoded surrogate (CESU)",
                t,
                concat(
                        bytes("{\"model\":\"stories260K\",\"messages\":[{\"role\":\"user\",\"content\":\""
                                + marker("j22")),
                        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        bytes("\"}]}")),
                400,
                "invalid_encoding"));
        cases.add(post(
                "raw control character inside a string",
                t,
                bytes(goodBody(marker("j10") + "\u0001")),
                400,
                "invalid_json"));
        cases.add(post(
                "escaped NUL in content", t, bytes(goodBody(marker("j11") + "\\u0000")), 400, "invalid_characters"));
        cases.add(post(
                "escaped bell character in content",
                t,
                bytes(goodBody(marker("j12") + "\\u0007")),
                400,
                "invalid_characters"));
        cases.add(post(
                "lone UTF-16 surrogate in content",
                t,
                bytes(goodBody(marker("j13") + "\\ud800")),
                400,
                "invalid_unicode"));
        cases.add(post(
                "messages is a string",
                t,
                bytes("{\"model\":\"stories260K\",\"messages\":\"" + marker("j14") + "\"}"),
                400,
                "invalid_type"));
        cases.add(post(
                "max_tokens as a string",
                t,
                bytes("{\"max_tokens\":\"5\"," + goodFields(marker("j15")) + "}"),
                400,
                "invalid_type"));
        cases.add(post(
                "max_tokens as a fraction",
                t,
                bytes("{\"max_tokens\":1.5," + goodFields(marker("j16")) + "}"),
                400,
                "invalid_type"));
        cases.add(post(
                "temperature as a word",
                t,
                bytes("{\"temperature\":\"hot\"," + goodFields(marker("j17")) + "}"),
                400,
                "invalid_type"));
        cases.add(post(
                "stream as a string",
                t,
                bytes("{\"stream\":\"yes\"," + goodFields(marker("j18")) + "}"),
                400,
                "invalid_type"));
        cases.add(post(
                "NaN literal",
                t,
                bytes("{\"temperature\":NaN," + goodFields(marker("j19")) + "}"),
                400,
                "invalid_json"));
        cases.add(post(
                "seed with 80 digits",
                t,
                bytes("{\"seed\":" + "9".repeat(80) + "," + goodFields(marker("j20")) + "}"),
                400,
                "invalid_json"));
        cases.add(post(
                "single-quoted JSON",
                t,
                bytes("{'model':'stories260K','messages':[{'role':'user','content':'" + marker("j21") + "'}]}"),
                400,
                "invalid_json"));
    }

    private static void validation(List<Case> cases) {
        String t = token("bad-valid-" + RUN);
        cases.add(post(
                "missing model",
                t,
                bytes("{\"messages\":[{\"role\":\"user\",\"content\":\"" + marker("v1") + "\"}]}"),
                400,
                "missing_model",
                "model"));
        cases.add(post(
                "blank model",
                t,
                bytes("{\"model\":\" \",\"messages\":[{\"role\":\"user\",\"content\":\"" + marker("v2") + "\"}]}"),
                400,
                "missing_model",
                "model"));
        cases.add(post(
                "unknown model",
                t,
                bytes("{\"model\":\"gpt-" + marker("v3") + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
                404,
                "model_not_found",
                "model"));
        cases.add(post(
                "missing messages",
                t,
                bytes("{\"model\":\"stories260K\",\"user\":\"" + marker("v4") + "\"}"),
                400,
                "missing_messages",
                "messages"));
        cases.add(post(
                "empty messages",
                t,
                bytes("{\"model\":\"stories260K\",\"messages\":[],\"user\":\"" + marker("v5") + "\"}"),
                400,
                "missing_messages",
                "messages"));
        cases.add(post(
                "unknown role",
                t,
                bytes("{\"model\":\"stories260K\",\"messages\":[{\"role\":\"wizard\",\"content\":\"" + marker("v6")
                        + "\"}]}"),
                400,
                "invalid_role",
                "messages[0].role"));
        cases.add(post(
                "missing role",
                t,
                bytes("{\"model\":\"stories260K\",\"messages\":[{\"content\":\"" + marker("v7") + "\"}]}"),
                400,
                "invalid_role",
                "messages[0].role"));
        cases.add(post(
                "null content",
                t,
                bytes("{\"model\":\"stories260K\",\"messages\":[{\"role\":\"user\",\"content\":null,\"name\":\""
                        + marker("v8").replace('-', '_') + "\"}]}"),
                400,
                "missing_content",
                "messages[0].content"));
        cases.add(post(
                "content is an object",
                t,
                bytes("{\"model\":\"stories260K\",\"messages\":[{\"role\":\"user\",\"content\":{\"text\":\""
                        + marker("v9") + "\"}}]}"),
                400,
                "invalid_content",
                "messages[0].content"));
        cases.add(post(
                "image content part",
                t,
                bytes(
                        "{\"model\":\"stories260K\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\""
                                + marker("v10") + "\"}}]}]}"),
                400,
                "unsupported_content",
                "messages[0].content"));
        cases.add(post(
                "last message from the assistant",
                t,
                bytes("{\"model\":\"stories260K\",\"messages\":[{\"role\":\"user\",\"content\":\"" + marker("v11")
                        + "\"},{\"role\":\"assistant\",\"content\":\"ok\"}]}"),
                400,
                "last_message_not_user",
                "messages"));
        cases.add(post(
                "257 messages",
                t,
                bytes("{\"model\":\"stories260K\",\"messages\":["
                        + ("{\"role\":\"user\",\"content\":\"" + marker("v12") + "\"},").repeat(256)
                        + "{\"role\":\"user\",\"content\":\"x\"}]}"),
                400,
                "too_many_messages",
                "messages"));
        cases.add(post(
                "one message over 32000 characters",
                t,
                bytes(goodBody(marker("v13") + "a".repeat(32_001))),
                400,
                "message_too_long",
                "messages[0].content"));
        cases.add(post(
                "messages over 128000 characters together",
                t,
                bytes("{\"model\":\"stories260K\",\"messages\":["
                        + ("{\"role\":\"user\",\"content\":\"" + marker("v14") + "a".repeat(30_000) + "\"},").repeat(4)
                        + "{\"role\":\"user\",\"content\":\"" + "b".repeat(30_000) + "\"}]}"),
                400,
                "messages_too_long",
                "messages"));
        cases.add(post(
                "one message over the token estimate",
                t,
                bytes(goodBody(marker("v15") + "字".repeat(13_000))),
                400,
                "message_too_long",
                "messages[0].content"));
        cases.add(post(
                "temperature above 2",
                t,
                bytes("{\"temperature\":2.5," + goodFields(marker("v16")) + "}"),
                400,
                "invalid_temperature",
                "temperature"));
        cases.add(post(
                "negative temperature",
                t,
                bytes("{\"temperature\":-1," + goodFields(marker("v17")) + "}"),
                400,
                "invalid_temperature",
                "temperature"));
        cases.add(post(
                "top_p of zero",
                t,
                bytes("{\"top_p\":0," + goodFields(marker("v18")) + "}"),
                400,
                "invalid_top_p",
                "top_p"));
        cases.add(post(
                "top_p above 1",
                t,
                bytes("{\"top_p\":1.5," + goodFields(marker("v19")) + "}"),
                400,
                "invalid_top_p",
                "top_p"));
        cases.add(post("n of 2", t, bytes("{\"n\":2," + goodFields(marker("v20")) + "}"), 400, "unsupported_n", "n"));
        cases.add(post(
                "max_tokens of zero",
                t,
                bytes("{\"max_tokens\":0," + goodFields(marker("v21")) + "}"),
                400,
                "invalid_max_tokens",
                "max_tokens"));
        cases.add(post(
                "max_tokens beyond the model's context",
                t,
                bytes("{\"max_tokens\":100000," + goodFields(marker("v22")) + "}"),
                400,
                "invalid_max_tokens",
                "max_tokens"));
        cases.add(post(
                "negative max_completion_tokens",
                t,
                bytes("{\"max_completion_tokens\":-5," + goodFields(marker("v23")) + "}"),
                400,
                "invalid_max_tokens",
                "max_completion_tokens"));
        cases.add(post(
                "five stop sequences",
                t,
                bytes("{\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"]," + goodFields(marker("v24")) + "}"),
                400,
                "invalid_stop",
                "stop"));
        cases.add(post(
                "stop as a number",
                t,
                bytes("{\"stop\":7," + goodFields(marker("v25")) + "}"),
                400,
                "invalid_stop",
                "stop"));
        cases.add(post(
                "message name with spaces",
                t,
                bytes("{\"model\":\"stories260K\",\"messages\":[{\"role\":\"user\",\"name\":\"a b\",\"content\":\""
                        + marker("v26") + "\"}]}"),
                400,
                "invalid_name",
                "messages[0].name"));
        cases.add(post(
                "malformed conversation_id",
                t,
                bytes("{\"conversation_id\":\"bad id!\"," + goodFields(marker("v27")) + "}"),
                400,
                "invalid_conversation_id",
                "conversation_id"));
    }

    private static void transport(List<Case> cases) {
        String t = token("bad-http-" + RUN);
        Map<String, String> auth = Map.of("Authorization", "Bearer " + t);
        byte[] twoMiB = bytes(goodBody(marker("h1") + "a".repeat(2 * 1024 * 1024)));
        cases.add(new Case(
                "Content-Length over 1 MiB",
                "POST",
                PATH,
                headers(auth, "Content-Type", "application/json", "Content-Length", Integer.toString(twoMiB.length)),
                twoMiB,
                413,
                "request_too_large",
                null));
        byte[] huge = bytes(goodBody(marker("h2") + "a".repeat(1_200_000)));
        cases.add(new Case(
                "chunked body over 1 MiB",
                "POST",
                PATH,
                headers(auth, "Content-Type", "application/json", "Transfer-Encoding", "chunked"),
                RawHttp.chunked(huge, 64 * 1024),
                413,
                "request_too_large",
                null));
        cases.add(post("Content-Type text/plain", t, "text/plain", good("h3"), 415, "unsupported_media_type"));
        cases.add(post("no Content-Type", t, null, good("h4"), 415, "unsupported_media_type"));
        cases.add(post(
                "JSON declared as Latin-1",
                t,
                "application/json; charset=iso-8859-1",
                good("h5"),
                415,
                "unsupported_media_type"));
        cases.add(
                post("Content-Type application/xml", t, "application/xml", good("h6"), 415, "unsupported_media_type"));
        cases.add(post("unparseable Content-Type", t, "json!!", good("h7"), 415, "unsupported_media_type"));
        cases.add(new Case(
                "GET on the completions endpoint", "GET", PATH, auth, new byte[0], 405, "method_not_allowed", null));
        cases.add(new Case(
                "PUT on the completions endpoint",
                "PUT",
                PATH,
                headers(
                        auth,
                        "Content-Type",
                        "application/json",
                        "Content-Length",
                        Integer.toString(good("h8").length)),
                good("h8"),
                405,
                "method_not_allowed",
                null));
        cases.add(new Case(
                "unknown /v1 endpoint",
                "POST",
                "/v1/completions-nope",
                headers(
                        auth,
                        "Content-Type",
                        "application/json",
                        "Content-Length",
                        Integer.toString(good("h9").length)),
                good("h9"),
                404,
                null,
                null));
        cases.add(new Case(
                "encoded slash in the path",
                "POST",
                "/v1/chat%2Fcompletions",
                headers(
                        auth,
                        "Content-Type",
                        "application/json",
                        "Content-Length",
                        Integer.toString(good("h11").length)),
                good("h11"),
                400,
                null,
                null));
        cases.add(new Case(
                "parent segment in the path",
                "POST",
                "/v1/models/../chat/completions",
                headers(
                        auth,
                        "Content-Type",
                        "application/json",
                        "Content-Length",
                        Integer.toString(good("h12").length)),
                good("h12"),
                400,
                null,
                null));
        cases.add(new Case(
                "unknown model id on /v1/models",
                "GET",
                "/v1/models/no-such-" + RUN,
                auth,
                new byte[0],
                404,
                "model_not_found",
                "model"));
        byte[] bad = bytes("{\"model\":\"stories260K\",\"messages\":[{\"role\":\"robot\",\"content\":\"" + marker("h10")
                + "\"}]}");
        cases.add(new Case(
                "malformed X-Request-Id and an HTML Accept",
                "POST",
                PATH,
                headers(
                        auth,
                        "Content-Type",
                        "application/json",
                        "Content-Length",
                        Integer.toString(bad.length),
                        "X-Request-Id",
                        "<script>alert(1)</script>",
                        "Accept",
                        "text/html"),
                bad,
                400,
                "invalid_role",
                null));
    }

    // ---- helpers

    private static String token(String user) {
        return stack.token(user);
    }

    private static java.util.Date ago(long seconds) {
        return java.util.Date.from(java.time.Instant.now().minusSeconds(seconds));
    }

    private static String marker(String id) {
        String m = "marker-" + RUN + "-" + id;
        MARKERS.add(m);
        return m;
    }

    private static String goodFields(String content) {
        return "\"model\":\"stories260K\",\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]";
    }

    private static String goodBody(String content) {
        return "{\"max_tokens\":1," + goodFields(content) + "}";
    }

    /** A request that would be accepted, carrying a marker to look for on Kafka. */
    private static byte[] good(String id) {
        return bytes(goodBody(marker(id)));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    private static Map<String, String> headers(Map<String, String> base, String... kv) {
        Map<String, String> m = new LinkedHashMap<>(base);
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    private static Case post(String name, String token, byte[] body, int status, String code) {
        return post(name, token, "application/json", body, status, code, null);
    }

    private static Case post(String name, String token, byte[] body, int status, String code, String param) {
        return post(name, token, "application/json", body, status, code, param);
    }

    private static Case post(String name, String token, String contentType, byte[] body, int status, String code) {
        return post(name, token, contentType, body, status, code, null);
    }

    private static Case post(
            String name, String token, String contentType, byte[] body, int status, String code, String param) {
        Map<String, String> h = new LinkedHashMap<>();
        if (token != null) h.put("Authorization", "Bearer " + token);
        if (contentType != null) h.put("Content-Type", contentType);
        h.put("Content-Length", Integer.toString(body.length));
        return new Case(name, "POST", PATH, h, body, status, code, param);
    }

    private static Case withHeaders(String name, Map<String, String> extra, byte[] body, int status) {
        Case c = post(name, null, body, status, "invalid_api_key");
        return new Case(
                name,
                c.method(),
                c.path(),
                headers(
                        c.headers(),
                        extra.entrySet().stream()
                                .flatMap(e -> Stream.of(e.getKey(), e.getValue()))
                                .toArray(String[]::new)),
                body,
                status,
                "invalid_api_key",
                null);
    }
}
