package dev.dlqconsole.tracing;

import java.time.Duration;
import java.util.List;

/** What the trace backend said about a trace: a summary of it, or why there is none. */
public sealed interface TraceSummaryResult {

    /**
     * The trace at a glance.
     *
     * @param services the services in the trace, in the order they first took part
     * @param errorSpans the spans that failed, the consumer's first (that is usually why the message
     *     dead-lettered), then by start time
     */
    record Summary(List<String> services, int spanCount, Duration duration, List<SpanSummary> errorSpans)
            implements TraceSummaryResult {

        public Summary {
            services = List.copyOf(services);
            errorSpans = List.copyOf(errorSpans);
        }
    }

    /** Jaeger has no such trace: it was not sampled, has expired, or never reached it. */
    record NotFound() implements TraceSummaryResult {}

    /** Jaeger could not be asked or gave no usable answer; the reason is for the operator. */
    record Unavailable(String reason) implements TraceSummaryResult {}

    /** No Jaeger query URL is configured, so there is nothing to show (not an outage). */
    record NotConfigured() implements TraceSummaryResult {}
}
