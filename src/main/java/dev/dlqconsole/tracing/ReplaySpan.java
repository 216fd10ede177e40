package dev.dlqconsole.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** A started replay span: the trace context to send with the replayed message, and its ending. */
public final class ReplaySpan {

    private final Span span;
    private final String traceparent;
    private final AtomicBoolean ended = new AtomicBoolean();

    ReplaySpan(Span span) {
        this.span = span;
        var headers = new HashMap<String, String>();
        W3CTraceContextPropagator.getInstance().inject(Context.root().with(span), headers, Map::put);
        this.traceparent = headers.getOrDefault("traceparent", "");
    }

    /** The W3C {@code traceparent} to set on the replayed message. */
    public String traceparent() {
        return traceparent;
    }

    /** The replay's trace id (32 hex digits), for the ledger and the message page's link. */
    public String traceId() {
        return span.getSpanContext().getTraceId();
    }

    /** Ends the span after SQS accepted the message, noting the message id SQS gave it. */
    public void sent(String messageId) {
        if (ended.compareAndSet(false, true)) {
            span.setAttribute("messaging.message.id", messageId);
            span.end();
        }
    }

    /** Ends the span as failed, recording why the send did not happen. */
    public void failed(Throwable error) {
        if (ended.compareAndSet(false, true)) {
            span.recordException(error);
            var message = error.getMessage();
            span.setStatus(
                    StatusCode.ERROR,
                    message != null ? message : error.getClass().getSimpleName());
            span.end();
        }
    }
}
