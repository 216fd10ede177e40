package dev.dlqconsole.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Messages parked per five minutes over a day, drawn on the server as SVG: no script, no front-end
 * bundle. Every text in it (DLQ names, reasons, labels) comes from anywhere and is escaped, so the
 * markup stays inert. The chart stacks a few series and marks events (replay jobs) with a line; the
 * sparkline is the same day in 120 by 24 pixels, for a grid row.
 */
public class InflowChart extends Div {

    /** One stacked series: its name (for the legend) and its buckets, five minutes each. */
    public record Series(String name, long[] buckets) {}

    /** An event drawn as a vertical line with its label. */
    public record Marker(Instant at, String label) {}

    private static final Duration BUCKET = Duration.ofMinutes(5);
    private static final String[] COLOURS = {"#1a73e8", "#e8710a", "#188038", "#9334e6", "#80868b"};
    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final int WIDTH = 960;
    private static final int HEIGHT = 184;
    private static final int LEFT = 56;
    private static final int RIGHT = 944;
    private static final int TOP = 44;
    private static final int BOTTOM = 158;

    private String shown = "";

    public InflowChart() {
        addClassName("inflow-chart");
    }

    /** Draws the chart, unless it would look as it does: a live update need not push the same picture. */
    public void show(String title, Instant from, List<Series> series, List<Marker> markers) {
        var svg = svg(title, from, series, markers);
        if (!svg.equals(shown)) {
            shown = svg;
            getElement().setProperty("innerHTML", svg);
        }
    }

    /** The day in 120 by 24 pixels, its figures in the tooltip. */
    public static Component sparkline(long[] buckets, Instant from) {
        var line = new Span();
        line.addClassName("inflow-sparkline");
        line.getElement().setProperty("innerHTML", sparklineSvg(buckets, from));
        return line;
    }

    static String svg(String title, Instant from, List<Series> series, List<Marker> markers) {
        int count = series.isEmpty() ? 0 : series.getFirst().buckets().length;
        var stacked = new long[count];
        series.forEach(s -> Arrays.setAll(stacked, i -> stacked[i] + s.buckets()[i]));
        long max = Arrays.stream(stacked).max().orElse(0);
        long total = Arrays.stream(stacked).sum();
        double step = (RIGHT - LEFT) / (double) Math.max(1, count);
        var svg = new StringBuilder(16_384);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"")
                .append(escape(title + ": " + total + " parked in the last 24 hours"))
                .append("\"><title>")
                .append(escape(title + ": " + total + " parked in the last 24 hours, at most " + max + " in 5 minutes"))
                .append("</title>");
        text(svg, 0, 18, "start", "chart-title", title);
        legend(svg, series);
        // The frame: the top line is the busiest five minutes, the bottom is none.
        svg.append(String.format(
                Locale.ROOT,
                "<line class=\"chart-grid\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>"
                        + "<line class=\"chart-axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>",
                LEFT,
                TOP,
                RIGHT,
                TOP,
                LEFT,
                BOTTOM,
                RIGHT,
                BOTTOM));
        text(svg, LEFT - 6, TOP + 4, "end", "chart-label", String.format("%,d", max));
        text(svg, LEFT - 6, BOTTOM + 4, "end", "chart-label", "0");
        hours(svg, from, step);
        if (max == 0) {
            text(
                    svg,
                    (LEFT + RIGHT) / 2,
                    (TOP + BOTTOM) / 2,
                    "middle",
                    "chart-empty",
                    "Nothing parked in the last 24 hours");
        }
        var base = new long[count];
        for (int s = 0; s < series.size(); s++) {
            svg.append("<g fill=\"")
                    .append(COLOURS[Math.min(s, COLOURS.length - 1)])
                    .append("\">");
            var buckets = series.get(s).buckets();
            for (int i = 0; i < count; i++) {
                if (buckets[i] > 0) {
                    double y0 = BOTTOM - (BOTTOM - TOP) * (double) base[i] / max;
                    double y1 = BOTTOM - (BOTTOM - TOP) * (double) (base[i] + buckets[i]) / max;
                    svg.append(String.format(
                            Locale.ROOT,
                            "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\"/>",
                            LEFT + i * step,
                            y1,
                            Math.max(1, step - 0.6),
                            Math.max(0.8, y0 - y1)));
                    base[i] += buckets[i];
                }
            }
            svg.append("</g>");
        }
        markers(svg, from, step / BUCKET.toSeconds(), markers);
        return svg.append("</svg>").toString();
    }

    static String sparklineSvg(long[] buckets, Instant from) {
        long max = Arrays.stream(buckets).max().orElse(0);
        long total = Arrays.stream(buckets).sum();
        long lastHour = Arrays.stream(buckets, Math.max(0, buckets.length - 12), buckets.length)
                .sum();
        var svg = new StringBuilder(8_192);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"24\" viewBox=\"0 0 120 24\">")
                .append("<title>")
                .append(escape(String.format(
                        "%,d parked since %s UTC, %,d in the last hour, at most %,d in 5 minutes",
                        total, HOUR.format(from), lastHour, max)))
                .append("</title><path class=\"spark-area\" d=\"M0,23");
        double step = 120.0 / Math.max(1, buckets.length - 1);
        for (int i = 0; i < buckets.length; i++) {
            double y = max == 0 ? 23 : 23 - 21.0 * buckets[i] / max;
            svg.append(String.format(Locale.ROOT, " L%.1f,%.1f", i * step, y));
        }
        return svg.append(" L120,23 Z\"/></svg>").toString();
    }

    private static void legend(StringBuilder svg, List<Series> series) {
        if (series.size() < 2) {
            return;
        }
        // Right-aligned in the title's row, last series rightmost; names are cut, never wrapped.
        int x = RIGHT;
        for (int s = series.size() - 1; s >= 0; s--) {
            var name = cut(series.get(s).name(), 28);
            int width = 16 + name.length() * 7;
            x -= width;
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"9\" width=\"10\" height=\"10\" fill=\"%s\"/>",
                    x,
                    COLOURS[Math.min(s, COLOURS.length - 1)]));
            text(svg, x + 14, 18, "start", "chart-legend", name);
            x -= 12;
        }
    }

    /** Every three hours of UTC, and the right end, which is now. */
    private static void hours(StringBuilder svg, Instant from, double step) {
        var perSecond = step / BUCKET.toSeconds();
        var hour = from.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        for (; hour.isBefore(from.plus(Duration.ofHours(24))); hour = hour.plus(Duration.ofHours(1))) {
            if (hour.atOffset(ZoneOffset.UTC).getHour() % 3 != 0) {
                continue;
            }
            double x = LEFT + Duration.between(from, hour).toSeconds() * perSecond;
            if (x > RIGHT - 90) { // room for "now (UTC)"
                break;
            }
            svg.append(String.format(
                    Locale.ROOT,
                    "<line class=\"chart-tick\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>",
                    x,
                    BOTTOM,
                    x,
                    BOTTOM + 4));
            text(svg, (int) Math.round(x), BOTTOM + 18, "middle", "chart-label", HOUR.format(hour));
        }
        text(svg, RIGHT, BOTTOM + 18, "end", "chart-label", "now (UTC)");
    }

    private static void markers(StringBuilder svg, Instant from, double perSecond, List<Marker> markers) {
        int n = 0;
        for (var marker : markers) {
            var seconds = Duration.between(from, marker.at()).toSeconds();
            if (seconds < 0 || perSecond == 0) {
                continue;
            }
            double x = Math.min(RIGHT, LEFT + seconds * perSecond);
            // Labels alternate between two rows, so two jobs close together stay readable.
            int y = TOP - 4 - (n++ % 2) * 12;
            svg.append(String.format(
                    Locale.ROOT,
                    "<line class=\"chart-marker\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>",
                    x,
                    y + 2,
                    x,
                    BOTTOM));
            boolean nearRight = x > RIGHT - 120;
            text(
                    svg,
                    (int) Math.round(x + (nearRight ? -4 : 4)),
                    y,
                    nearRight ? "end" : "start",
                    "chart-marker-label",
                    cut(marker.label(), 40));
        }
    }

    private static void text(StringBuilder svg, int x, int y, String anchor, String css, String text) {
        svg.append("<text x=\"")
                .append(x)
                .append("\" y=\"")
                .append(y)
                .append("\" text-anchor=\"")
                .append(anchor)
                .append("\" class=\"")
                .append(css)
                .append("\">")
                .append(escape(text))
                .append("</text>");
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** Text as SVG character data or an attribute value: nothing in it can open a tag or end a quote. */
    static String escape(String text) {
        var escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c < 0x20 && c != '\t' ? ' ' : c);
            }
        }
        return escaped.toString();
    }
}
