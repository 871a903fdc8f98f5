package dev.sluice.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The deployment folders' scripts and generated files, as the boot tests use them. */
final class DeploymentFiles {

    static void runScript(Path workDir, List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder pb =
                new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(command + ":\n" + output).isZero();
    }

    /** KEY=VALUE lines, as compose reads its .env (comments and blank lines skipped). */
    static Map<String, String> dotEnv(Path file) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            int eq = line.indexOf('=');
            out.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return out;
    }

    static void copyWithoutSecrets(Path from, Path to) throws Exception {
        try (var walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path rel = from.relativize(source);
                // A developer's own generated secrets stay where they are.
                if (rel.startsWith("certs")
                        || rel.startsWith("secrets")
                        || rel.toString().equals(".env")) continue;
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(source)) Files.createDirectories(target);
                else Files.copy(source, target);
            }
        }
    }

    private DeploymentFiles() {}
}
