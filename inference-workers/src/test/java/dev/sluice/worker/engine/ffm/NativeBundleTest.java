package dev.sluice.worker.engine.ffm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeBundleTest {
    @TempDir
    Path tmp;

    @Test
    void theBuildPacksLlamaCppAndItsCpuBackendsIdenticalToTheNpmFolder() throws IOException {
        NativeBundle bundle = NativeBundle.ofThisJar();
        List<String> files = bundle.files();
        assertThat(files)
                .as("sluice-native/llama-v0.4.0/files.txt on the module's classpath (made by generate-resources)")
                .contains(LlamaLibrary.LIBLLAMA, "libggml.v0.4.0.so", "libggml-base.so", "libggml-cpu-x64.so")
                .noneMatch(f -> f.contains("common") || f.endsWith(".node"));

        Path out = bundle.extractTo(tmp.resolve("native")).orElseThrow();
        Path npm = FfmEngineConfig.defaultLibDir();
        for (String f : files) {
            assertThat(Files.mismatch(out.resolve(f), npm.resolve(f))).as(f).isEqualTo(-1L);
        }
    }

    @Test
    void extractsOnceAndRewritesOnlyAFileWhoseSizeDiffers() throws IOException {
        Path jar = tmp.resolve("jar");
        Path dir = Files.createDirectories(jar.resolve(NativeBundle.RESOURCE_DIR));
        Files.writeString(dir.resolve("files.txt"), "liba.so\nlibb.so\n");
        Files.writeString(dir.resolve("liba.so"), "AAAA");
        Files.writeString(dir.resolve("libb.so"), "BBBBBBBB");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            NativeBundle bundle = new NativeBundle(loader);
            Path target = tmp.resolve("data/native/llama");
            assertThat(bundle.extractTo(target)).contains(target);
            assertThat(Files.readString(target.resolve("liba.so"))).isEqualTo("AAAA");
            assertThat(Files.readString(target.resolve("libb.so"))).isEqualTo("BBBBBBBB");

            FileTime old = FileTime.fromMillis(1_000_000L);
            Files.setLastModifiedTime(target.resolve("liba.so"), old);
            Files.writeString(target.resolve("libb.so"), "truncated"); // a size the jar's entry does not have
            Files.setLastModifiedTime(target.resolve("libb.so"), old);

            bundle.extractTo(target);
            assertThat(Files.getLastModifiedTime(target.resolve("liba.so")))
                    .as("same size: left alone")
                    .isEqualTo(old);
            assertThat(Files.readString(target.resolve("libb.so"))).isEqualTo("BBBBBBBB");
            try (var left = Files.list(target)) {
                assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("liba.so", "libb.so");
            }
        }
    }

    @Test
    void aClasspathWithoutTheBundleGivesNothing() throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {tmp.toUri().toURL()}, null)) {
            assertThat(new NativeBundle(loader).extractTo(tmp.resolve("x"))).isEmpty();
            assertThat(tmp.resolve("x")).doesNotExist();
        }
    }

    @Test
    void theTargetIsUnderTheDataDirectoryOrAPerUserTempFolder() {
        assertThat(NativeBundle.defaultTarget("/var/lib/sluice", "/tmp", "x"))
                .isEqualTo(Path.of("/var/lib/sluice/native/llama-v0.4.0"));
        assertThat(NativeBundle.defaultTarget(null, "/tmp", "a b/c"))
                .isEqualTo(Path.of("/tmp/sluice-native-a_b_c/llama-v0.4.0"));
    }
}
