package dev.sluice.worker.engine.openai;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * @param servers           base URLs, e.g. {@code http://gpu-1:8000} (the engine appends /v1/chat/completions)
 * @param model             the model name sent to the servers
 * @param perServer         requests one server runs at once
 * @param connectTimeout    TCP connect
 * @param firstTokenTimeout from sending the request to the first streamed text
 * @param idleTimeout       longest silence between two stream events once text flows
 * @param attempts          tries per request, each on the least-loaded server not tried yet;
 *                          only before the first token (after it, a retry would repeat text)
 * @param contextLength     what {@code info()} announces
 */
public record OpenAiEngineConfig(
        List<URI> servers,
        String model,
        int perServer,
        Duration connectTimeout,
        Duration firstTokenTimeout,
        Duration idleTimeout,
        int attempts,
        int contextLength) {

    public static final int DEFAULT_PER_SERVER = 256;

    public OpenAiEngineConfig {
        servers = List.copyOf(servers);
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("at least one server URL is needed");
        }
        if (perServer < 1 || attempts < 1) {
            throw new IllegalArgumentException("perServer and attempts must be at least 1");
        }
    }

    /**
     * Comma-separated URLs as in {@code SLUICE_ENGINE_URL}; 256 per server, 5 s connect, 30 s first token, 10 s idle, 3 tries.
     * 256 is vLLM's default {@code max_num_seqs}: the server batches what it accepts, so the worker forwards at the server's
     * concurrency, not at the 8 local slots an in-process engine has (which capped a worker at ~19 req/s of 210 ms answers).
     */
    public static OpenAiEngineConfig of(String urls, String model) {
        List<URI> list = List.of(urls.split(",")).stream()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(s -> URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s))
                .toList();
        return new OpenAiEngineConfig(
                list,
                model,
                DEFAULT_PER_SERVER,
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                3,
                8192);
    }

    public OpenAiEngineConfig withTimeouts(Duration connect, Duration firstToken, Duration idle) {
        return new OpenAiEngineConfig(servers, model, perServer, connect, firstToken, idle, attempts, contextLength);
    }

    public OpenAiEngineConfig withPerServer(int n) {
        return new OpenAiEngineConfig(
                servers, model, n, connectTimeout, firstTokenTimeout, idleTimeout, attempts, contextLength);
    }
}
