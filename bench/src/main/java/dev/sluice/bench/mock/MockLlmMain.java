package dev.sluice.bench.mock;

import dev.sluice.bench.Flags;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -cp … dev.sluice.bench.mock.MockLlmMain [--host 127.0.0.1] [--port 0] [--ttft-ms 100]
 * [--itl-ms 10] [--tokens 32] [--model mock-llm] [--varied 1]}: serves until killed; prints its base URL.
 */
public final class MockLlmMain {

    public static void main(String[] args) throws Exception {
        Flags f = new Flags(args, List.of("host", "port", "ttft-ms", "itl-ms", "tokens", "model", "varied"));
        MockSettings settings = new MockSettings(
                f.get("model", "mock-llm"),
                f.millis("ttft-ms", 100),
                f.millis("itl-ms", 10),
                f.integer("tokens", 32),
                f.integer("varied", 0) == 1);
        MockLlmServer server = new MockLlmServer(f.get("host", "127.0.0.1"), f.integer("port", 0), settings).start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("mock-llm listening on " + server.baseUrl() + " (model " + settings.model() + ", ttft "
                + settings.ttft().toMillis() + " ms, inter-token "
                + settings.interTokenDelay().toMillis() + " ms, " + settings.tokens() + " tokens"
                + (settings.varied() ? ", answers varied by request number" : "") + ")");
        new CountDownLatch(1).await();
    }

    private MockLlmMain() {}
}
