package dev.sluice.app.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default-model download, against a local HTTP server that behaves like Hugging Face. */
class ModelDownloaderTest {
    @TempDir
    Path dir;

    private final byte[] model = new byte[300_000];
    private HttpServer server;
    private String sha;
    private final AtomicReference<String> lastRange = new AtomicReference<>();
    private volatile String etag;

    @BeforeEach
    void serve() throws Exception {
        new Random(7).nextBytes(model);
        sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(model));
        etag = sha;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/model.gguf", exchange -> {
            String range = exchange.getRequestHeaders().getFirst("Range");
            lastRange.set(range);
            int from = range == null
                    ? 0
                    : Integer.parseInt(range.replace("bytes=", "").replace("-", ""));
            exchange.getResponseHeaders().add("X-Linked-Etag", "\"" + etag + "\"");
            exchange.sendResponseHeaders(range == null ? 200 : 206, model.length - from);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(model, from, model.length - from);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/model.gguf");
    }

    @Test
    void downloadsAndVerifiesAgainstTheLinkedEtag() throws IOException {
        Path target = dir.resolve("m.gguf");
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        Path got = new ModelDownloader(url(), target, null).ensure(new PrintStream(progress));

        assertThat(Files.readAllBytes(got)).isEqualTo(model);
        assertThat(progress.toString()).contains("100%");
        assertThat(lastRange.get()).isNull();
    }

    @Test
    void resumesAPartialDownloadWithARangeRequest() throws IOException {
        Path target = dir.resolve("m.gguf");
        Files.write(dir.resolve("m.gguf.part"), java.util.Arrays.copyOf(model, 100_000));

        new ModelDownloader(url(), target, null).ensure(new PrintStream(OutputStream.nullOutputStream()));

        assertThat(lastRange.get()).isEqualTo("bytes=100000-");
        assertThat(Files.readAllBytes(target)).isEqualTo(model);
    }

    @Test
    void aChecksumMismatchDeletesTheFileAndSaysSo() {
        etag = "0".repeat(64);
        Path target = dir.resolve("m.gguf");

        assertThatThrownBy(() -> new ModelDownloader(url(), target, null)
                        .ensure(new PrintStream(OutputStream.nullOutputStream())))
                .hasMessageContaining("SHA-256")
                .hasMessageContaining(sha);
        assertThat(target).doesNotExist();
        assertThat(dir.resolve("m.gguf.part")).doesNotExist();
    }

    @Test
    void aPinnedChecksumWins() throws IOException {
        Path target = dir.resolve("m.gguf");
        new ModelDownloader(url(), target, sha).ensure(new PrintStream(OutputStream.nullOutputStream()));
        assertThat(target).exists();
    }

    @Test
    void withoutNetworkItExplainsHowToPassALocalFile() {
        server.stop(0);
        Path target = dir.resolve("m.gguf");
        assertThatThrownBy(() -> new ModelDownloader(url(), target, null)
                        .ensure(new PrintStream(OutputStream.nullOutputStream())))
                .hasMessageContaining("--model");
    }

    @Test
    void anExistingFileIsNotFetchedAgain() throws IOException {
        Path target = dir.resolve("m.gguf");
        Files.writeString(target, "already here");
        server.stop(0);
        assertThat(new ModelDownloader(url(), target, null).ensure(new PrintStream(OutputStream.nullOutputStream())))
                .isEqualTo(target);
    }
}
