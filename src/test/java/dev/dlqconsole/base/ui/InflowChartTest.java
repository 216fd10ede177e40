package dev.dlqconsole.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

class InflowChartTest {

    private static final String HOSTILE = "orders-dlq\"><script>alert(1)</script><img src=x onerror='alert(2)'>&amp;";
    private static final Instant FROM = Instant.parse("2026-11-30T16:05:00Z");

    @Test
    void hostile_names_and_labels_stay_text() throws Exception {
        var buckets = new long[288];
        buckets[10] = 4;
        buckets[287] = 9;
        var svg = InflowChart.svg(
                "Inflow of " + HOSTILE,
                FROM,
                List.of(new InflowChart.Series(HOSTILE, buckets), new InflowChart.Series("b", buckets)),
                List.of(new InflowChart.Marker(FROM.plusSeconds(3_600), "job 7 " + HOSTILE)));

        assertThat(svg).doesNotContain("<script", "<img", "onerror='").contains("&lt;script&gt;");
        assertThat(elements(svg)).isSubsetOf("svg", "title", "text", "line", "rect", "g", "path");
        assertThat(svg).contains("&amp;amp;");
    }

    @Test
    void the_sparkline_tooltip_is_escaped_too() throws Exception {
        var svg = InflowChart.sparklineSvg(new long[288], FROM);

        assertThat(elements(svg)).isSubsetOf("svg", "title", "path");
        assertThat(InflowChart.escape("<b a='1'>\"&")).isEqualTo("&lt;b a=&#39;1&#39;&gt;&quot;&amp;");
    }

    @Test
    void the_chart_names_the_busiest_five_minutes_the_hours_and_its_markers() {
        var buckets = new long[288];
        buckets[100] = 1_234;
        var svg = InflowChart.svg(
                "Parked per 5 minutes",
                FROM,
                List.of(new InflowChart.Series("all", buckets)),
                List.of(new InflowChart.Marker(FROM.plusSeconds(7_200), "job 12")));

        assertThat(svg).contains(">1,234</text>", ">18:00</text>", ">now (UTC)</text>", ">job 12</text>");
        assertThat(svg).contains("class=\"chart-marker\"");
    }

    /** The names of every element in the markup, parsed as XML: it must be well formed to parse at all. */
    private static Set<String> elements(String svg) throws Exception {
        var document = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        var names = new HashSet<String>();
        collect(document.getDocumentElement(), names);
        return names;
    }

    private static void collect(Element element, Set<String> names) {
        names.add(element.getTagName());
        for (var attribute = 0; attribute < element.getAttributes().getLength(); attribute++) {
            assertThat(element.getAttributes().item(attribute).getNodeName()).doesNotStartWith("on");
        }
        var children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i).getNodeType() == Node.ELEMENT_NODE) {
                collect((Element) children.item(i), names);
            }
        }
    }
}
