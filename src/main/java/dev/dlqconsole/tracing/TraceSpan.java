package dev.dlqconsole.tracing;

import dev.dlqconsole.tracing.TraceSummaryResult.Summary;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One span of a fetched trace, as much of it as the summary needs, whichever API it came from. */
record TraceSpan(
        String service,
        String operation,
        long startNanos,
        long endNanos,
        boolean error,
        boolean consumer,
        @Nullable String errorMessage) {

    static Summary summarize(List<TraceSpan> spans) {
        var byStart = spans.stream()
                .sorted(Comparator.comparingLong(TraceSpan::startNanos))
                .toList();
        var services = byStart.stream().map(TraceSpan::service).distinct().toList();
        var start = byStart.stream().mapToLong(TraceSpan::startNanos).min().orElse(0);
        var end = byStart.stream().mapToLong(TraceSpan::endNanos).max().orElse(start);
        var errors = byStart.stream()
                .filter(TraceSpan::error)
                .sorted(Comparator.comparing((TraceSpan span) -> !span.consumer()))
                .map(span -> new SpanSummary(span.service(), span.operation(), span.errorMessage()))
                .toList();
        return new Summary(services, spans.size(), Duration.ofNanos(Math.max(0, end - start)), errors);
    }

    /** The first candidate that says something; callers list the most specific first. */
    static @Nullable String firstMessage(@Nullable String... candidates) {
        for (var candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return null;
    }
}
