package dev.sluice.app.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Fetches a GGUF model once into a cache directory: resumable ({@code Range} on a {@code .part}
 * file), with a progress bar, verified by SHA-256 against a pinned value or the
 * {@code X-Linked-Etag} that Hugging Face returns for large files. A failed check deletes the
 * file; no network ends with a message saying how to pass a local file instead.
 */
public final class ModelDownloader {
    public static final String DEFAULT_URL =
            "https://huggingface.co/bartowski/Llama-3.2-1B-Instruct-GGUF/resolve/main/Llama-3.2-1B-Instruct-Q4_K_M.gguf";

    private final URI url;
    private final Path target;
    private final @Nullable String pinnedSha256;
    private final HttpClient http;

    public ModelDownloader(URI url, Path target, @Nullable String pinnedSha256) {
        this.url = url;
        this.target = target;
        this.pinnedSha256 = pinnedSha256;
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    public static ModelDownloader defaultModel() {
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "sluice", "models");
        String url = Optional.ofNullable(System.getenv("SLUICE_MODEL_URL")).orElse(DEFAULT_URL);
        String name = url.substring(url.lastIndexOf('/') + 1);
        return new ModelDownloader(URI.create(url), cache.resolve(name), System.getenv("SLUICE_MODEL_SHA256"));
    }

    /** Returns the verified local file, downloading what is missing. */
    public Path ensure(PrintStream progress) {
        if (Files.isRegularFile(target)) return target;
        Path part = target.resolveSibling(target.getFileName() + ".part");
        try {
            Files.createDirectories(target.getParent());
            long have = Files.exists(part) ? Files.size(part) : 0;
            HttpRequest.Builder req =
                    HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(60)).GET();
            if (have > 0) req.header("Range", "bytes=" + have + "-");
            HttpResponse<InputStream> resp = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
            int status = resp.statusCode();
            if (status == 416) {
                resp.body().close();
            } else if (status == 200 || status == 206) {
                if (status == 200) have = 0; // server ignored the range: start over
                long total = resp.headers().firstValueAsLong("Content-Length").orElse(-1) + (status == 206 ? have : 0);
                copy(resp.body(), part, have, total, status == 206, progress);
            } else {
                resp.body().close();
                throw new IllegalStateException("download of " + url + " failed with HTTP " + status);
            }
            String expected =
                    pinnedSha256 != null ? pinnedSha256 : linkedEtag(resp).orElse(null);
            String actual = sha256(part);
            if (expected != null && !expected.equalsIgnoreCase(actual)) {
                Files.deleteIfExists(part);
                throw new IllegalStateException("the downloaded model's SHA-256 is " + actual + " but " + expected
                        + " was expected; the partial file was deleted, run again to retry");
            }
            if (expected == null) progress.println("  (no checksum published for this file; SHA-256 " + actual + ")");
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot download the default model from " + url + " (" + e.getMessage() + "). "
                            + "Without network, pass a local GGUF file: ./sluice dev --model path/to/model.gguf "
                            + "(for example ../shared/models/stories260K.gguf)",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("download interrupted; run again to resume", e);
        }
    }

    private static Optional<String> linkedEtag(HttpResponse<?> resp) {
        return resp.headers()
                .firstValue("X-Linked-Etag")
                .map(v -> v.replace("\"", "").trim())
                .filter(v -> v.matches("[0-9a-fA-F]{64}"));
    }

    private void copy(InputStream in, Path part, long have, long total, boolean append, PrintStream progress)
            throws IOException {
        var options = append
                ? new StandardOpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.APPEND}
                : new StandardOpenOption[] {
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE
                };
        try (in;
                OutputStream out = Files.newOutputStream(part, options)) {
            byte[] buf = new byte[1 << 16];
            long done = have;
            long lastPrint = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                done += n;
                long now = System.nanoTime();
                if (now - lastPrint > 250_000_000L) {
                    progress.print("\r" + bar(done, total));
                    lastPrint = now;
                }
            }
            progress.println("\r" + bar(done, total));
        }
    }

    static String bar(long done, long total) {
        if (total <= 0) return String.format(Locale.ROOT, "  downloading model: %,d MB", done >> 20);
        int width = 30;
        int filled = (int) (width * done / total);
        return String.format(
                Locale.ROOT,
                "  downloading model [%s%s] %3d%% %,d/%,d MB",
                "#".repeat(filled),
                " ".repeat(width - filled),
                100 * done / total,
                done >> 20,
                total >> 20);
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) sha.update(buf, 0, n);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
