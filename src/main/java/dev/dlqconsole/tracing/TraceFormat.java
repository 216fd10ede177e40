package dev.dlqconsole.tracing;

/** The trace-context formats the console reads from messages. */
public enum TraceFormat {
    /** W3C Trace Context: {@code traceparent} (and {@code tracestate}). */
    W3C,
    /** Jaeger's {@code uber-trace-id}. */
    JAEGER,
    /** Zipkin's B3, as the single {@code b3} header or the {@code X-B3-*} headers. */
    B3,
    /** AWS X-Ray, as SQS's {@code AWSTraceHeader} system attribute. */
    XRAY
}
