package dev.sluice.bench.tokenpath;

import dev.sluice.bench.tokenpath.TokenPathBench.Row;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The token path's results as Markdown: latency and CPU per run, then the per-token figures. */
final class TokenPathReport {

    static String markdown(
            String title,
            String setting,
            String machine,
            Duration ttft,
            Duration itl,
            Duration warmup,
            Duration measured,
            List<Row> rows) {
        StringBuilder s = new StringBuilder("## ").append(title).append("\n\n");
        if (!machine.isBlank()) s.append("Machine: ").append(machine).append("  \n");
        if (!setting.isBlank()) s.append("Setting: ").append(setting).append("  \n");
        s.append(String.format(
                Locale.ROOT,
                "Mock TTFT %d ms, inter-token %d ms; open-loop arrivals, %d s warm-up + %d s measured per run.%n%n",
                ttft.toMillis(),
                itl.toMillis(),
                warmup.toSeconds(),
                measured.toSeconds()));
        s.append(
                "Latencies in ms. Overhead = client TTFT − the mock's TTFT. Token lag = for each token after the first, its arrival − "
                        + "the first token's − k × the mock's inter-token delay: what the path (coalescing included) added to it.\n\n");
        s.append(
                "| rate | tokens | sent | errors | overhead p50 | p99 | token lag p50 | p99 | tokens per event | tokens/s |\n");
        s.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            var x = r.result();
            s.append(String.format(
                    Locale.ROOT,
                    "| %d | %d | %d | %d | %s | %s | %s | %s | %.2f | %.0f |%n",
                    r.rate(),
                    r.tokens(),
                    x.sent(),
                    x.errors(),
                    f(x.overhead().p50()),
                    f(x.overhead().p99()),
                    f(x.tokenLag().p50()),
                    f(x.tokenLag().p99()),
                    x.tokensPerDelta(),
                    x.tokensPerSecond()));
        }
        s.append(
                "\nCPU per request (ms of CPU time over the measured window / requests due in it), per process. A row whose overhead p50 "
                        + "is past 1 s did not keep up: its requests queued, so its figure only divides the machine's cores among the requests due.\n\n| rate | tokens |");
        var roles = TokenPathBench.roles(rows);
        roles.forEach(role -> s.append(' ').append(role).append(" |"));
        s.append(" **Sluice roles** | **all but mock** |\n|---:|---:|");
        roles.forEach(role -> s.append("---:|"));
        s.append("---:|---:|\n");
        for (Row r : rows) {
            s.append(String.format(Locale.ROOT, "| %d | %d |", r.rate(), r.tokens()));
            roles.forEach(
                    role -> s.append(' ').append(f2(r.cpuMsPerRequest(role))).append(" |"));
            s.append(String.format(
                    Locale.ROOT, " **%s** | **%s** |%n", f2(r.sluiceRolesMsPerRequest()), f2(r.allMsPerRequest())));
        }
        s.append('\n');
        Row one = null;
        Row many = null;
        for (Row r : rows) {
            if (r.tokens() == 1 && one == null) one = r;
            if (one != null && r.rate() == one.rate() && r.tokens() > 1 && (many == null || r.tokens() > many.tokens()))
                many = r;
        }
        if (one != null && many != null) {
            double slope =
                    (many.sluiceRolesMsPerRequest() - one.sluiceRolesMsPerRequest()) * 1000 / (many.tokens() - 1);
            double brokerPerToken = many.cpuMsPerRequest("broker") * 1000 / many.tokens();
            s.append(String.format(
                    Locale.ROOT,
                    "Per-token part of the Sluice roles' CPU (slope between %d and %d tokens at %d req/s): **%.1f µs per token**.  %n",
                    one.tokens(),
                    many.tokens(),
                    one.rate(),
                    slope));
            s.append(String.format(
                    Locale.ROOT,
                    "Broker CPU per delivered token at %d tokens: **%.1f µs**.%n",
                    many.tokens(),
                    brokerPerToken));
        }
        return s.toString();
    }

    private static String f(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String f2(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f", v);
    }

    private TokenPathReport() {}
}
