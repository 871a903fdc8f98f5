package dev.sluice.bench.pipeline;

import dev.sluice.bench.Flags;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The pipeline-overhead load harness: streams chat completions at fixed rates (open loop)
 * against an OpenAI-compatible base URL (Sluice in front of the mock engine, or the mock alone
 * for the floor) and writes a Markdown section and an SVG chart.
 *
 * <pre>
 * java -cp … dev.sluice.bench.pipeline.PipelineBench --url http://127.0.0.1:8080/v1 --token T --model mock-llm
 *      [--rates 50,100,200] [--warmup-s 5] [--duration-s 20] [--mock-ttft-ms 100] [--mock-itl-ms 10]
 *      [--max-tokens 32] [--budget-ms 50] [--prime-s 15] [--prime-rate R] [--title …] [--machine …] [--out section.md] [--svg chart.svg]
 * </pre>
 * Before the sweep, {@code --prime-rate} (default: the first rate) runs unmeasured for
 * {@code --prime-s} seconds: a cold JVM (client, mock or Sluice) spends its first thousands of
 * requests compiling and would count that as overhead, most of all at the low rates measured first.
 * The sweep stops at the first rate that is not sustained (unless {@code --keep-going 1}).
 */
public final class PipelineBench {
    private static final List<String> FLAGS = List.of(
            "url",
            "token",
            "model",
            "rates",
            "warmup-s",
            "duration-s",
            "mock-ttft-ms",
            "mock-itl-ms",
            "max-tokens",
            "budget-ms",
            "title",
            "machine",
            "out",
            "svg",
            "keep-going",
            "prime-s",
            "prime-rate");

    public static void main(String[] args) throws Exception {
        Flags f = new Flags(args, FLAGS);
        String url = f.get("url", "http://127.0.0.1:8080/v1");
        Duration mockTtft = f.millis("mock-ttft-ms", 100);
        Duration mockItl = f.millis("mock-itl-ms", 10);
        int maxTokens = f.integer("max-tokens", 32);
        double budget = Double.parseDouble(f.get("budget-ms", "50"));
        Duration warmup = Duration.ofSeconds(f.integer("warmup-s", 5));
        Duration measured = Duration.ofSeconds(f.integer("duration-s", 20));
        boolean keepGoing = f.integer("keep-going", 0) == 1;
        String title = f.get("title", "TTFT overhead at " + url);
        List<RunResult> runs = new ArrayList<>();
        try (StreamingClient client =
                new StreamingClient(url, f.get("token", ""), f.get("model", "mock-llm"), maxTokens)) {
            OpenLoopRun load = new OpenLoopRun(client, mockTtft, mockItl);
            List<Integer> rates = f.integers("rates", "50,100,200");
            int prime = f.integer("prime-s", 15);
            if (prime > 0) {
                int primeRate = f.integer("prime-rate", rates.getFirst());
                RunResult primed = load.run(primeRate, Duration.ZERO, Duration.ofSeconds(prime));
                System.out.printf(
                        Locale.ROOT,
                        "priming at %d req/s for %d s: %d errors, overhead p99 %.1f ms (not reported)%n",
                        primeRate,
                        prime,
                        primed.errors(),
                        primed.overhead().p99());
            }
            for (int rate : rates) {
                RunResult r = load.run(rate, warmup, measured);
                runs.add(r);
                System.out.printf(
                        Locale.ROOT,
                        "%4d req/s: sent %d, errors %d, overhead p50 %.1f p95 %.1f p99 %.1f ms, tokens/s %.0f%s%n",
                        rate,
                        r.sent(),
                        r.errors(),
                        r.overhead().p50(),
                        r.overhead().p95(),
                        r.overhead().p99(),
                        r.tokensPerSecond(),
                        r.firstError() == null ? "" : " (first error: " + r.firstError() + ")");
                if (!r.sustained(budget) && !keepGoing) break;
            }
        }
        String setup = String.format(
                Locale.ROOT,
                "mock TTFT %d ms, inter-token %d ms, %d tokens per response; open-loop arrivals, %d s warm-up + %d s measured per rate; streaming over HTTP/1.1",
                mockTtft.toMillis(),
                mockItl.toMillis(),
                maxTokens,
                warmup.toSeconds(),
                measured.toSeconds());
        String machine = f.get(
                "machine",
                Runtime.getRuntime().availableProcessors() + " vCPU, " + System.getProperty("os.name") + " "
                        + System.getProperty("os.version") + ", Java " + Runtime.version());
        Path svg = f.get("svg") == null ? null : Path.of(f.get("svg"));
        if (svg != null) Files.writeString(svg, OverheadChart.svg(title, runs, budget));
        String md = PipelineReport.markdown(
                title,
                setup,
                machine,
                runs,
                budget,
                svg == null ? null : svg.getFileName().toString());
        Path out = f.get("out") == null ? null : Path.of(f.get("out"));
        if (out != null) Files.writeString(out, md);
        System.out.println(md);
    }

    private PipelineBench() {}
}
