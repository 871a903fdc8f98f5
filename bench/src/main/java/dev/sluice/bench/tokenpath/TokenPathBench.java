package dev.sluice.bench.tokenpath;

import dev.sluice.bench.Flags;
import dev.sluice.bench.mock.MockCompletions;
import dev.sluice.bench.pipeline.OpenLoopRun;
import dev.sluice.bench.pipeline.RunResult;
import dev.sluice.bench.pipeline.StreamingClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The token path's cost: open-loop streaming load against Sluice in front of the mock engine,
 * with the CPU of every process (broker apart, each Sluice JVM, PostgreSQL, Redis) read from
 * /proc over exactly the measured window, so CPU per request and per token can be set beside
 * the latency it bought. Runs are "RATExTOKENS" pairs; the per-token slope comes from two runs at
 * the same rate with 1 and many tokens.
 *
 * <pre>
 * java -cp … dev.sluice.bench.tokenpath.TokenPathBench --url http://127.0.0.1:8080/v1 --token T --model mock-llm
 *      --pids broker=123,sluice=456,mock=789 [--match sluice=/data/dir] --runs 200x1,200x32,200x256 [--warmup-s 5] [--duration-s 20]
 *      [--mock-ttft-ms 100] [--mock-itl-ms 10] [--title …] [--machine …] [--out section.md]
 * </pre>
 */
public final class TokenPathBench {
    private static final List<String> FLAGS = List.of(
            "url",
            "token",
            "model",
            "pids",
            "match",
            "runs",
            "warmup-s",
            "duration-s",
            "mock-ttft-ms",
            "mock-itl-ms",
            "title",
            "machine",
            "out",
            "setting",
            "verify-text",
            "varied-text");

    record Row(int rate, int tokens, RunResult result, Map<String, Double> cpuSeconds, double seconds) {
        double requests() {
            return rate * seconds;
        }

        double cpuMsPerRequest(String role) {
            return cpuSeconds.getOrDefault(role, 0.0) * 1000 / requests();
        }

        /** Every Sluice role's JVM (gateway, topology, persistence, worker): not the broker, the databases, the mock or the client. */
        double sluiceRolesMsPerRequest() {
            return CpuProbe.sluiceRoles(cpuSeconds) * 1000 / requests();
        }

        /** Every process of the deployment: Sluice, broker, PostgreSQL, Redis (not the mock, not the load client). */
        double allMsPerRequest() {
            return CpuProbe.allButMock(cpuSeconds) * 1000 / requests();
        }
    }

    public static void main(String[] args) throws Exception {
        Flags f = new Flags(args, FLAGS);
        String url = f.get("url", "http://127.0.0.1:8080/v1");
        Duration ttft = f.millis("mock-ttft-ms", 100);
        Duration itl = f.millis("mock-itl-ms", 10);
        Duration warmup = Duration.ofSeconds(f.integer("warmup-s", 5));
        Duration measured = Duration.ofSeconds(f.integer("duration-s", 20));
        CpuProbe probe = CpuProbe.of(f.get("pids", ""), f.get("match", ""));
        List<Row> rows = new ArrayList<>();
        for (String run : f.get("runs", "200x1,200x32,200x256").split(",")) {
            String[] rt = run.strip().split("x");
            int rate = Integer.parseInt(rt[0]);
            int tokens = Integer.parseInt(rt[1]);
            boolean verify = f.integer("verify-text", 1) == 1;
            boolean varied = f.integer("varied-text", 0) == 1;
            // With a varied mock, each answer carries its request's number (MockCompletions.token(int, long)).
            java.util.function.IntFunction<@org.jspecify.annotations.Nullable String> expected = !verify
                    ? seq -> null
                    : varied ? seq -> MockCompletions.text(tokens, seq) : seq -> MockCompletions.text(tokens);
            try (StreamingClient client =
                    new StreamingClient(url, f.get("token", ""), f.get("model", "mock-llm"), tokens, expected)) {
                OpenLoopRun load = new OpenLoopRun(client, ttft, itl);
                Map<String, Double>[] at = new Map[2];
                RunResult r = load.run(
                        rate, warmup, measured, () -> at[0] = probe.snapshot(), () -> at[1] = probe.snapshot());
                Row row = new Row(rate, tokens, r, CpuProbe.delta(at[0], at[1]), measured.toNanos() / 1e9);
                rows.add(row);
                System.out.printf(
                        Locale.ROOT,
                        "%d req/s x %d tokens: errors %d, overhead p50 %.1f p99 %.1f ms, token lag p99 %.1f ms, "
                                + "%.1f tokens/delta, Sluice roles %.2f ms CPU/request, all %.2f ms%s%n",
                        rate,
                        tokens,
                        r.errors(),
                        r.overhead().p50(),
                        r.overhead().p99(),
                        r.tokenLag().p99(),
                        r.tokensPerDelta(),
                        row.sluiceRolesMsPerRequest(),
                        row.allMsPerRequest(),
                        r.firstError() == null ? "" : " (first error: " + r.firstError() + ")");
            }
        }
        String md = TokenPathReport.markdown(
                f.get("title", "Token path at " + url),
                f.get("setting", ""),
                f.get("machine", ""),
                ttft,
                itl,
                warmup,
                measured,
                rows);
        String out = f.get("out");
        if (out != null) Files.writeString(Path.of(out), md);
        System.out.println(md);
    }

    static TreeSet<String> roles(List<Row> rows) {
        TreeSet<String> roles = new TreeSet<>();
        rows.forEach(r -> roles.addAll(r.cpuSeconds().keySet()));
        return roles;
    }

    private TokenPathBench() {}
}
