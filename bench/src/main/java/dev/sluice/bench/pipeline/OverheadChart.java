package dev.sluice.bench.pipeline;

import java.util.List;
import java.util.Locale;

/**
 * An SVG bar chart of the TTFT overhead's p50/p95/p99 per request rate, with the budget as a
 * dashed line: the benchmark's one picture, written from its own numbers with no plotting library.
 */
public final class OverheadChart {
    private static final int WIDTH = 720;
    private static final int HEIGHT = 380;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final String[] COLORS = {"#4e79a7", "#f28e2b", "#e15759"};
    private static final String[] LABELS = {"p50", "p95", "p99"};

    private OverheadChart() {}

    public static String svg(String title, List<RunResult> runs, double budgetMs) {
        double top = budgetMs;
        for (RunResult r : runs)
            if (!Double.isNaN(r.overhead().p99()))
                top = Math.max(top, r.overhead().p99());
        double scaleMax = niceCeiling(top * 1.1);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        StringBuilder s = new StringBuilder();
        s.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n",
                WIDTH,
                HEIGHT,
                WIDTH,
                HEIGHT));
        s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        s.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"24\" font-size=\"15\" font-weight=\"bold\">%s</text>%n",
                LEFT,
                escape(title)));
        for (int i = 0; i <= 5; i++) {
            double v = scaleMax * i / 5;
            double y = TOP + plotH - plotH * i / 5.0;
            s.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    LEFT,
                    y,
                    WIDTH - RIGHT,
                    y));
            s.append(String.format(
                    Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 6, y + 4, fmt(v)));
        }
        s.append(String.format(
                Locale.ROOT,
                "<text x=\"16\" y=\"%d\" transform=\"rotate(-90 16 %d)\" text-anchor=\"middle\">TTFT overhead (ms)</text>%n",
                TOP + plotH / 2,
                TOP + plotH / 2));
        double group = runs.isEmpty() ? plotW : (double) plotW / runs.size();
        double bar = Math.min(36, group / 4);
        for (int g = 0; g < runs.size(); g++) {
            RunResult r = runs.get(g);
            double[] values = {
                r.overhead().p50(), r.overhead().p95(), r.overhead().p99()
            };
            double x0 = LEFT + g * group + (group - 3 * bar) / 2;
            for (int k = 0; k < 3; k++) {
                double v = Double.isNaN(values[k]) ? 0 : Math.max(0, values[k]);
                double h = plotH * Math.min(v, scaleMax) / scaleMax;
                double x = x0 + k * bar;
                s.append(String.format(
                        Locale.ROOT,
                        "<rect class=\"bar\" data-rate=\"%d\" data-percentile=\"%s\" data-ms=\"%.2f\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\"/>%n",
                        r.rate(),
                        LABELS[k],
                        values[k],
                        x,
                        TOP + plotH - h,
                        bar - 2,
                        h,
                        COLORS[k]));
                s.append(String.format(
                        Locale.ROOT,
                        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"10\">%s</text>%n",
                        x + bar / 2 - 1,
                        TOP + plotH - h - 4,
                        fmt(values[k])));
            }
            String label = r.rate() + " req/s" + (r.errors() > 0 ? " (" + r.errors() + " errors)" : "");
            s.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    LEFT + g * group + group / 2,
                    TOP + plotH + 20,
                    escape(label)));
        }
        double by = TOP + plotH - plotH * Math.min(budgetMs, scaleMax) / scaleMax;
        s.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#333\" stroke-dasharray=\"6 4\"/>%n",
                LEFT,
                by,
                WIDTH - RIGHT,
                by));
        s.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" font-size=\"11\">p99 budget %s ms</text>%n",
                WIDTH - RIGHT,
                by - 4,
                fmt(budgetMs)));
        for (int k = 0; k < 3; k++) {
            int x = LEFT + k * 70;
            s.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>%n",
                    x,
                    HEIGHT - 22,
                    COLORS[k],
                    x + 16,
                    HEIGHT - 12,
                    LABELS[k]));
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static double niceCeiling(double v) {
        if (v <= 0 || Double.isNaN(v)) return 1;
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) if (step * magnitude >= v) return step * magnitude;
        return 10 * magnitude;
    }

    private static String fmt(double v) {
        if (Double.isNaN(v)) return "–";
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
