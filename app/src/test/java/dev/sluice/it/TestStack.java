package dev.sluice.it;

import dev.sluice.app.SluiceApplication;
import dev.sluice.app.dev.DevStack;
import dev.sluice.gateway.auth.DevKey;
import dev.sluice.gateway.auth.DevTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One real Sluice stack per test JVM: KRaft broker, Redis and PostgreSQL (embedded), every
 * role in one Spring context, the real stories260K model. Started on first use, shared by
 * every integration test class, stopped when the JVM ends.
 */
public final class TestStack {
    private static TestStack instance;

    private final DevStack infra;
    private final ConfigurableApplicationContext app;
    private final Path dataDir;
    private final DevTokens tokens;

    private TestStack(Map<String, Object> extra) {
        try {
            dataDir = Files.createTempDirectory("sluice-it-");
            Files.createDirectories(dataDir.resolve("native"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("de.kherud.llama.tmpdir", dataDir.resolve("native").toString());
        infra = DevStack.start(dataDir, null, null, null);
        Map<String, Object> props = new HashMap<>(infra.properties());
        props.put("sluice.data-dir", dataDir.toString());
        props.put("sluice.model", Models.require("stories260K.gguf").toString());
        props.put("sluice.dev.enabled", "true");
        props.put("sluice.engine.slots", "4");
        props.put("server.port", "0");
        props.putAll(extra);
        SpringApplication spring = new SpringApplication(SluiceApplication.class);
        spring.setDefaultProperties(props);
        String[] args = props.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        app = spring.run(args);
        tokens = new DevTokens(DevKey.loadOrCreate(dataDir));
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
    }

    public static synchronized TestStack get() {
        if (instance == null) instance = new TestStack(Map.of());
        return instance;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
    }

    public String token(String user) {
        return tokens.mint(user, Duration.ofHours(1));
    }

    public String property(String key) {
        return app.getEnvironment().getProperty(key);
    }

    public ConfigurableApplicationContext context() {
        return app;
    }

    public Path dataDir() {
        return dataDir;
    }

    private void stop() {
        try {
            app.close();
        } finally {
            infra.close();
        }
    }
}
