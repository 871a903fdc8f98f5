package dev.sluice.bench.pipeline;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The results file: the setting, one table row per rate, and the verdict on the budget. */
public final class PipelineReport {

    private PipelineReport() {}

    /**
     * @param target   what was measured, e.g. "Sluice dev stack (all roles, one JVM) → mock engine"
     * @param setup    the mock's timing and the request shape, one line
     * @param machine  where it ran
     */
    public static String markdown(
            String target,
            String setup,
            String machine,
            List<RunResult> runs,
            double budgetMs,
            @Nullable String chartFile) {
        StringBuilder s = new StringBuilder();
        s.append("## ").append(target).append("\n\n");
        s.append("Machine: ").append(machine).append("  \n");
        s.append("Setup: ").append(setup).append("\n\n");
        s.append("Latencies in ms. Overhead = client time to first token − the mock's time to first token; ")
                .append(
                        "completion overhead = client time of the last token − when the mock sent it; gaps = time between tokens at the client.\n\n");
        s.append(
                        "| rate (req/s) | sent | errors | overhead p50 | p95 | p99 | max | TTFT p50 | p99 | completion overhead p50 | p99 | token gap p50 | p99 | tokens/s delivered | p99 ≤ ")
                .append(fmt(budgetMs))
                .append(" ms |\n");
        s.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|\n");
        for (RunResult r : runs) {
            s.append(String.format(
                    Locale.ROOT,
                    "| %d | %d | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %.0f | %s |%n",
                    r.rate(),
                    r.sent(),
                    r.errors(),
                    fmt(r.overhead().p50()),
                    fmt(r.overhead().p95()),
                    fmt(r.overhead().p99()),
                    fmt(r.overhead().max()),
                    fmt(r.ttft().p50()),
                    fmt(r.ttft().p99()),
                    fmt(r.completionOverhead().p50()),
                    fmt(r.completionOverhead().p99()),
                    fmt(r.gaps().p50()),
                    fmt(r.gaps().p99()),
                    r.tokensPerSecond(),
                    r.sustained(budgetMs) ? "yes" : "**no**"));
        }
        s.append('\n');
        RunResult best = highestSustained(runs, budgetMs);
        if (best == null) {
            s.append("No rate tried was sustained (all answered, overhead p99 ≤ ")
                    .append(fmt(budgetMs))
                    .append(" ms).\n");
        } else {
            s.append(String.format(
                    Locale.ROOT,
                    "**Highest sustained rate: %d req/s** (overhead p99 %s ms, 0 errors), delivering **%.0f tokens/s** end to end.%n",
                    best.rate(),
                    fmt(best.overhead().p99()),
                    best.tokensPerSecond()));
        }
        for (RunResult r : runs) {
            if (r.firstError() != null)
                s.append(String.format(
                        Locale.ROOT,
                        "%nFirst error at %d req/s: `%s`%n",
                        r.rate(),
                        r.firstError().replace('`', '\'')));
        }
        if (chartFile != null)
            s.append("\n![TTFT overhead per rate](").append(chartFile).append(")\n");
        return s.toString();
    }

    /** The highest rate that was sustained; rates above a failed one count only if they too were sustained. */
    public static @Nullable RunResult highestSustained(List<RunResult> runs, double budgetMs) {
        RunResult best = null;
        for (RunResult r : runs) {
            if (r.sustained(budgetMs) && (best == null || r.rate() > best.rate())) best = r;
        }
        return best;
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f", v);
    }
}
