package dev.dlqconsole.parking;

import dev.dlqconsole.sqs.ReceivedMessage;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** The trace columns of a parked message, read from its trace headers; never fails parking. */
@Component
class TraceExtraction {

    ExtractedTrace read(ReceivedMessage message) {
        return ExtractedTrace.NONE;
    }

    record ExtractedTrace(
            @Nullable String traceId,
            @Nullable String format,
            @Nullable String header,
            @Nullable String raw) {
        static final ExtractedTrace NONE = new ExtractedTrace(null, null, null, null);
    }
}
