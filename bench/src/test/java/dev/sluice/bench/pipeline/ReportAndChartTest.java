package dev.sluice.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReportAndChartTest {

    private static RunResult run(int rate, double p50, double p95, double p99, int errors) {
        Summary overhead = new Summary(100, p50, p95, p99, p99 + 5, p50);
        return new RunResult(
                rate,
                20,
                100,
                100 - errors,
                errors,
                errors > 0 ? "HTTP 503" : null,
                overhead,
                overhead,
                overhead,
                overhead,
                rate * 32.0);
    }

    private final List<RunResult> runs = List.of(run(50, 3, 8, 12, 0), run(100, 4, 15, 40, 0), run(200, 9, 60, 120, 0));

    @Test
    void highestSustainedRateIsTheFastestWithP99WithinBudgetAndNoErrors() {
        assertThat(PipelineReport.highestSustained(runs, 50).rate()).isEqualTo(100);
        assertThat(PipelineReport.highestSustained(List.of(run(50, 3, 8, 12, 1)), 50))
                .isNull();
    }

    @Test
    void reportHasARowPerRateAndStatesTheVerdict() {
        String md = PipelineReport.markdown("Sluice → mock", "mock TTFT 100 ms", "2 vCPU", runs, 50, "chart.svg");

        assertThat(md)
                .contains("| 100 | 100 | 0 | 4.0 | 15.0 | 40.0 |", "| 200 | 100 | 0 | 9.0 | 60.0 | 120.0 |")
                .contains(
                        "**Highest sustained rate: 100 req/s** (overhead p99 40.0 ms, 0 errors), delivering **3200 tokens/s**")
                .contains("![TTFT overhead per rate](chart.svg)");
    }

    @Test
    void chartIsWellFormedSvgWithOneBarPerRateAndPercentileAtItsValue() throws Exception {
        String svg = OverheadChart.svg("Sluice <dev> & mock", runs, 50);

        var doc = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        NodeList rects = doc.getElementsByTagName("rect");
        int bars = 0;
        double p99At200 = -1;
        double p50At50 = -1;
        for (int i = 0; i < rects.getLength(); i++) {
            Element e = (Element) rects.item(i);
            if (!"bar".equals(e.getAttribute("class"))) continue;
            bars++;
            double h = Double.parseDouble(e.getAttribute("height"));
            if (e.getAttribute("data-rate").equals("200")
                    && e.getAttribute("data-percentile").equals("p99")) p99At200 = h;
            if (e.getAttribute("data-rate").equals("50")
                    && e.getAttribute("data-percentile").equals("p50")) p50At50 = h;
        }
        assertThat(bars).isEqualTo(9);
        // heights are proportional to the values: 120 ms is 40 times 3 ms
        assertThat(p99At200 / p50At50).isCloseTo(40.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(svg).contains("p99 budget 50.0 ms", "Sluice &lt;dev&gt; &amp; mock");
    }
}
