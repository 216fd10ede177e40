package dev.dlqconsole.tracing;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The console's span for each replayed message. A replay is a new send, so it starts a new trace
 * and links to the message's original trace, as OpenTelemetry's messaging conventions advise for
 * re-sent messages; the replayed message carries this span's {@code traceparent}, so the consumer's
 * second attempt joins the replay trace rather than the one that already failed.
 */
@Component
public class ReplaySpans {

    static final String SPAN_NAME = "dlq-console replay";

    private final Tracer tracer;

    ReplaySpans(Telemetry telemetry) {
        this.tracer = telemetry.openTelemetry().getTracer("dev.dlqconsole.replay");
    }

    /**
     * Starts the PRODUCER span of sending one replayed message; the caller ends it with
     * {@link ReplaySpan#sent} or {@link ReplaySpan#failed}.
     *
     * @param original the trace the message was in when it dead-lettered, if it had one
     * @param replayId the message's {@code dlq-replay-id}, to find the span from the ledger
     */
    public ReplaySpan start(@Nullable TraceContext original, String replayId) {
        var builder = tracer.spanBuilder(SPAN_NAME)
                .setSpanKind(SpanKind.PRODUCER)
                // Not a child of whatever is current (a job's span, a request): a trace of its own.
                .setNoParent()
                .setAttribute("messaging.system", "aws_sqs")
                .setAttribute("messaging.operation.type", "send")
                .setAttribute("dlq.replay.id", replayId);
        if (original != null) {
            // Also as an attribute: a link needs a span id, and X-Ray headers may name only the trace.
            builder.setAttribute("dlq.original.trace_id", original.traceId());
            var spanId = original.spanId();
            if (spanId != null) {
                builder.addLink(SpanContext.createFromRemoteParent(
                        original.traceId(),
                        spanId,
                        original.sampled() ? TraceFlags.getSampled() : TraceFlags.getDefault(),
                        TraceState.getDefault()));
            }
        }
        return new ReplaySpan(builder.startSpan());
    }
}
