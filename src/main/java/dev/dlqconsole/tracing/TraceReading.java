package dev.dlqconsole.tracing;

/** What reading a message's trace context gave: a context, a header that could not be read, or none. */
public sealed interface TraceReading {

    /** The message carries a readable trace context. */
    record Found(TraceContext context) implements TraceReading {}

    /**
     * The message carries a trace header that no tracing library would have accepted, so its
     * consumer most likely started a new trace: the raw value is all there is to show.
     */
    record Unreadable(String header, String rawValue, String problem) implements TraceReading {}

    /** The message carries no trace header at all. */
    record Absent() implements TraceReading {}
}
