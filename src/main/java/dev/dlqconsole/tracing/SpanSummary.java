package dev.dlqconsole.tracing;

import org.jspecify.annotations.Nullable;

/** A failed span of a trace: where it ran, what it did, and what its error said, if anything. */
public record SpanSummary(
        String service, String operation, @Nullable String errorMessage) {}
