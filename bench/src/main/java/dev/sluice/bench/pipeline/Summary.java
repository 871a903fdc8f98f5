package dev.sluice.bench.pipeline;

import java.util.Arrays;

/**
 * Percentiles of a sample by the nearest-rank method: p-th percentile = the smallest value with
 * at least p % of the sample at or below it. No interpolation, so every reported number is one
 * that was measured.
 */
public record Summary(int count, double p50, double p95, double p99, double max, double mean) {
    public static final Summary EMPTY = new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    public static Summary of(double[] values) {
        if (values.length == 0) return EMPTY;
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (double v : sorted) sum += v;
        return new Summary(
                sorted.length,
                rank(sorted, 50),
                rank(sorted, 95),
                rank(sorted, 99),
                sorted[sorted.length - 1],
                sum / sorted.length);
    }

    /** Nearest rank: ceil(p/100 · n), 1-based. */
    static double rank(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }
}
