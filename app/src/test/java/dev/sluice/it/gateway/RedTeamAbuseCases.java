package dev.sluice.it.gateway;

import static dev.sluice.it.gateway.RedTeamCases.CHAT;
import static dev.sluice.it.gateway.RedTeamCases.chatAs;
import static dev.sluice.it.gateway.RedTeamCases.main;
import static dev.sluice.it.gateway.RedTeamCases.neutralized;
import static dev.sluice.it.gateway.RedTeamCases.oneOf;
import static dev.sluice.it.gateway.RedTeamCases.refused;
import static dev.sluice.it.gateway.RedTeamCases.tinyChat;
import static dev.sluice.it.gateway.RedTeamTest.RUN;
import static dev.sluice.it.gateway.RedTeamTest.send;
import static dev.sluice.it.gateway.RedTeamTest.stack;
import static dev.sluice.it.gateway.RedTeamTest.strict;
import static dev.sluice.it.gateway.RedTeamTest.strictToken;
import static dev.sluice.it.gateway.RedTeamTest.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/** The battery's cases for resource exhaustion, rate-limit evasion and injection; see {@link RedTeamTest}. */
final class RedTeamAbuseCases {

    static void exhaustion(List<RedTeamCases.Case> cases) {
        Supplier<String> t = () -> stack.token("rt-exhaust-" + RUN);
        cases.add(refused(
                "a 5 MiB body",
                413,
                "request_too_large",
                chatAs(t, fields("\"x\":\"" + "a".repeat(5 * 1024 * 1024) + "\""))));
        cases.add(refused(
                "10,000 messages",
                400,
                "too_many_messages",
                chatAs(
                        t,
                        "{\"model\":\"stories260K\",\"messages\":["
                                + "{\"role\":\"user\",\"content\":\"hi\"},".repeat(9_999)
                                + "{\"role\":\"user\",\"content\":\"hi\"}]}")));
        cases.add(refused(
                "arrays nested 100,000 deep",
                400,
                "invalid_json",
                chatAs(t, fields("\"x\":" + "[".repeat(100_000) + "]".repeat(100_000)))));
        cases.add(refused(
                "objects nested 50,000 deep in metadata",
                400,
                "invalid_json",
                chatAs(t, fields("\"metadata\":" + "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000)))));
        cases.add(refused(
                "max_tokens of 2^31-1", 400, "invalid_max_tokens", chatAs(t, withoutMax("\"max_tokens\":2147483647"))));
        cases.add(refused("max_tokens of 1e30", 400, null, chatAs(t, withoutMax("\"max_tokens\":1e30"))));
        cases.add(refused(
                "a temperature of 100,000 digits",
                400,
                null,
                chatAs(t, fields("\"temperature\":1" + "0".repeat(100_000)))));
        cases.add(refused("a temperature of 1e309 (infinity)", 400, null, chatAs(t, fields("\"temperature\":1e309"))));
        cases.add(refused(
                "1,000 stop sequences",
                400,
                "invalid_stop",
                chatAs(t, fields("\"stop\":[" + "\"x\",".repeat(999) + "\"x\"]"))));
        cases.add(refused("n of a billion", 400, "unsupported_n", chatAs(t, fields("\"n\":1000000000"))));
        cases.add(refused(
                "20,000 emoji in one message", 400, "message_too_long", chatAs(t, content("😀".repeat(20_000)))));
        cases.add(refused(
                "30,000 alternating BMP and supplementary characters",
                400,
                "message_too_long",
                chatAs(t, content("é😀".repeat(15_000)))));
        cases.add(oneOf(
                "50,000 keys in metadata", Set.of(200, 400), chatAs(t, fields("\"metadata\":{" + keys(50_000) + "}"))));
        cases.add(oneOf(
                "a 20 KiB header",
                Set.of(400, 431),
                () -> List.of(
                        send(main(), "POST", CHAT, t.get(), Map.of("X-Padding", "p".repeat(20 * 1024)), tinyChat()))));
        cases.add(oneOf("200 headers", Set.of(400, 431), () -> {
            Map<String, String> many = new java.util.LinkedHashMap<>();
            for (int i = 0; i < 200; i++) many.put("X-H" + i, "v");
            return List.of(send(main(), "POST", CHAT, t.get(), many, tinyChat()));
        }));
        cases.add(oneOf(
                "one user opens 16 chat streams at once",
                Set.of(200, 429),
                () -> together(
                        16,
                        () -> RedTeamTest.chat(
                                main(),
                                stack.token("rt-streams-" + RUN),
                                "{\"model\":\"stories260K\",\"stream\":true,\"max_tokens\":2,"
                                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Once\"}]}"))));
        cases.add(oneOf(
                "one user resumes its stream 24 times at once",
                Set.of(200, 204, 429),
                () -> together(
                        24,
                        () -> send(
                                main(),
                                "GET",
                                "/v1/streams/" + RedTeamTest.hoarderStream,
                                stack.token(RedTeamTest.hoarder),
                                Map.of(),
                                new byte[0]))));
    }

    static void evasion(List<RedTeamCases.Case> cases) {
        Supplier<String> spent = () -> strictToken(RedTeamTest.evader);
        Map<String, Map<String, String>> headerTricks = new java.util.LinkedHashMap<>();
        headerTricks.put("no trick (control)", Map.of());
        headerTricks.put("X-Forwarded-For", Map.of("X-Forwarded-For", "203.0.113.7"));
        headerTricks.put("X-Real-IP", Map.of("X-Real-IP", "203.0.113.8"));
        headerTricks.put("Forwarded", Map.of("Forwarded", "for=203.0.113.9;proto=https"));
        headerTricks.put("a fresh X-Request-Id", Map.of("X-Request-Id", "rt-fresh-" + RUN));
        headerTricks.put("another User-Agent", Map.of("User-Agent", "curl/0.0.1-" + RUN));
        headerTricks.put("X-HTTP-Method-Override", Map.of("X-HTTP-Method-Override", "GET"));
        headerTricks.forEach((trick, headers) -> cases.add(refused(
                "spent bucket with " + trick,
                429,
                "rate_limit_exceeded",
                () -> List.of(send(strict.baseUrl(), "POST", CHAT, spent.get(), headers, tinyChat())))));
        cases.add(refused(
                "spent bucket with a second token for the same sub",
                429,
                "rate_limit_exceeded",
                () -> List.of(send(
                        strict.baseUrl(),
                        "POST",
                        CHAT,
                        tokens.hs256(TestTokens.claims(RedTeamTest.evader)
                                .issuer(RedTeamTest.ISSUER)
                                .audience(RedTeamTest.AUDIENCE)
                                .jwtID("rt-" + System.nanoTime())
                                .build()),
                        Map.of(),
                        tinyChat()))));
        for (String path : List.of(
                "/v1/chat/%63ompletions",
                "/v1/chat/completions/",
                "/v1/chat/completions;jsessionid=rt",
                "//v1/chat/completions",
                "/v1/chat/./completions")) {
            cases.add(oneOf(
                    "spent bucket through " + path,
                    Set.of(400, 404, 429),
                    () -> List.of(send(strict.baseUrl(), "POST", path, spent.get(), Map.of(), tinyChat()))));
        }
        cases.add(oneOf(
                "spent bucket with 8 requests at once",
                Set.of(429),
                () -> together(8, () -> send(strict.baseUrl(), "POST", CHAT, spent.get(), Map.of(), tinyChat()))));
    }

    static void injection(List<RedTeamCases.Case> cases) {
        Supplier<String> t = () -> stack.token("rt-inject-" + RUN);
        cases.add(refused(
                "model as a path",
                404,
                "model_not_found",
                chatAs(t, fields("\"model\":\"../../../etc/passwd\"").replace("\"model\":\"stories260K\",", ""))));
        cases.add(neutralized(
                "model with CRLF and a header",
                Set.of(404),
                chatAs(
                        t,
                        "{\"model\":\"stories260K\\r\\nX-Injected: yes\","
                                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
                r -> assertThat(r.header("X-Injected")).isNull()));
        cases.add(oneOf(
                "model of 5,000 characters",
                Set.of(400, 404),
                chatAs(
                        t,
                        "{\"model\":\"" + "m".repeat(5_000)
                                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")));
        cases.add(refused(
                "model with markup",
                404,
                "model_not_found",
                chatAs(
                        t,
                        "{\"model\":\"<script>alert(1)</script>\","
                                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")));
        cases.add(
                refused(
                        "SQL in a message name",
                        400,
                        "invalid_name",
                        chatAs(
                                t,
                                "{\"model\":\"stories260K\",\"max_tokens\":1,"
                                        + "\"messages\":[{\"role\":\"user\",\"name\":\"a'; DROP TABLE users; --\",\"content\":\"hi\"}]}")));
        cases.add(oneOf(
                "SQL in the user field",
                Set.of(200, 400),
                chatAs(t, fields("\"user\":\"'; DROP TABLE conversations; --\""))));
        cases.add(oneOf(
                "prototype keys in metadata",
                Set.of(200, 400),
                chatAs(t, fields("\"metadata\":{\"__proto__\":{\"admin\":true},\"constructor\":1}"))));
        cases.add(oneOf("a NUL stop sequence", Set.of(200, 400), chatAs(t, fields("\"stop\":[\"\\u0000\"]"))));
        cases.add(refused(
                "a stop sequence of 10,000 characters",
                400,
                "invalid_stop",
                chatAs(t, fields("\"stop\":\"" + "s".repeat(10_000) + "\""))));
        cases.add(oneOf("SQL in message content", Set.of(200), chatAs(t, content("'); DELETE FROM messages; --"))));
        cases.add(oneOf(
                "a JNDI lookup in message content",
                Set.of(200),
                chatAs(t, content("${jndi:ldap://127.0.0.1:1/a} ${env:HOME}"))));
        cases.add(
                oneOf("format specifiers in message content", Set.of(200), chatAs(t, content("%s%s%s%n%x%d {} {0}"))));
        cases.add(refused(
                "conversation_id as a path",
                400,
                "invalid_conversation_id",
                chatAs(t, fields("\"conversation_id\":\"../../etc/passwd\""))));
        cases.add(refused(
                "SQL in conversation_id",
                400,
                "invalid_conversation_id",
                chatAs(t, fields("\"conversation_id\":\"' OR '1'='1\""))));
        cases.add(
                oneOf(
                        "tools with a function",
                        Set.of(200, 400),
                        chatAs(
                                t,
                                fields(
                                        "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"rm\",\"parameters\":{}}}]"))));
        cases.add(oneOf(
                "logit_bias with 10,000 entries",
                Set.of(200, 400),
                chatAs(t, fields("\"logit_bias\":{" + keys(10_000) + "}"))));
        cases.add(refused(
                "stream_options as a string",
                400,
                null,
                chatAs(t, fields("\"stream\":true,\"stream_options\":\"yes\""))));
        cases.add(refused(
                "JSON declared as UTF-7",
                415,
                "unsupported_media_type",
                () -> List.of(send(
                        main(),
                        "POST",
                        CHAT,
                        t.get(),
                        Map.of("Content-Type", "application/json; charset=utf-7"),
                        tinyChat()))));
        cases.add(neutralized(
                "a 4 KiB X-Request-Id",
                Set.of(200),
                () -> List.of(
                        send(main(), "POST", CHAT, t.get(), Map.of("X-Request-Id", "r".repeat(4096)), tinyChat())),
                r -> assertThat(r.header("X-Request-Id")).hasSizeLessThanOrEqualTo(64)));
        for (String[] p : new String[][] {
            {"GET", "/v1/conversations/%27%20OR%20%271%27%3D%271", "400,404"},
            {"GET", "/v1/conversations?limit=abc", "400"},
            {"GET", "/v1/conversations?limit=99999999999999", "400"},
            {"GET", "/v1/conversations?before=%27%3B%20DROP%20TABLE%20x", "400"},
            {"GET", "/v1/streams/%00", "400"},
            {"GET", "/v1/streams/..%2F..%2Factuator%2Fenv", "400"},
            {"GET", "/v1/streams/" + "s".repeat(3000), "400,404"},
            {"DELETE", "/v1/conversations/%2e%2e", "400,404"},
            {"GET", "/v1/streams/%3Cscript%3E", "400,404"},
            {"GET", "/v1/conversations/" + "c".repeat(3000), "400,404"}
        }) {
            Set<Integer> allowed = new java.util.HashSet<>();
            for (String s : p[2].split(",")) allowed.add(Integer.parseInt(s));
            cases.add(oneOf(
                    "path or query " + p[0] + " " + p[1].substring(0, Math.min(60, p[1].length())),
                    allowed,
                    () -> List.of(send(main(), p[0], p[1], t.get(), Map.of(), new byte[0]))));
        }
        for (String lastEventId : List.of("1; DROP TABLE x", "99999999999999999999", "-5", "0x10")) {
            cases.add(refused(
                    "Last-Event-ID '" + lastEventId + "'",
                    400,
                    "invalid_last_event_id",
                    () -> List.of(send(
                            main(),
                            "GET",
                            "/v1/streams/" + RedTeamTest.hoarderStream,
                            stack.token(RedTeamTest.hoarder),
                            Map.of("Last-Event-ID", lastEventId),
                            new byte[0]))));
        }
        for (String path : List.of("/actuator/env", "/actuator/heapdump", "/actuator/configprops")) {
            cases.add(oneOf(
                    "internal endpoint " + path,
                    Set.of(401, 403, 404),
                    () -> List.of(send(main(), "GET", path, null, Map.of(), new byte[0]))));
        }
    }

    // ---- helpers

    /** A valid small chat with extra fields first (a later duplicate key would be refused as such). */
    static String fields(String extra) {
        return "{" + extra
                + ",\"model\":\"stories260K\",\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }

    /** {@link #fields} without max_tokens, for the cases about max_tokens itself. */
    static String withoutMax(String extra) {
        return fields(extra).replace(",\"max_tokens\":1,", ",");
    }

    static String content(String text) {
        return "{\"model\":\"stories260K\",\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":\"" + text
                + "\"}]}";
    }

    static String keys(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++)
            sb.append(i == 0 ? "" : ",").append("\"").append(i).append("\":1");
        return sb.toString();
    }

    static List<RawHttp.Response> together(int n, Callable<RawHttp.Response> one) throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<RawHttp.Response>> all = new ArrayList<>();
            for (int i = 0; i < n; i++) all.add(pool.submit(one));
            List<RawHttp.Response> out = new ArrayList<>();
            for (Future<RawHttp.Response> f : all) out.add(f.get());
            return out;
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private RedTeamAbuseCases() {}
}
