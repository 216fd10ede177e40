package dev.dlqconsole.parking;

import dev.dlqconsole.sqs.ReceivedMessage;
import dev.dlqconsole.tracing.TraceContextReader;
import dev.dlqconsole.tracing.TraceReading;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The trace columns of a parked message, read from its trace headers. A header nobody can read is
 * kept raw and marked unreadable; nothing here ever fails parking.
 */
@Component
class TraceExtraction {

    static final String UNREADABLE = "UNREADABLE";
    private static final Logger log = LoggerFactory.getLogger(TraceExtraction.class);

    private final TraceContextReader reader;

    TraceExtraction(TraceContextReader reader) {
        this.reader = reader;
    }

    ExtractedTrace read(ReceivedMessage message) {
        try {
            return switch (reader.read(stringAttributes(message), message.systemAttributes())) {
                case TraceReading.Found found ->
                    new ExtractedTrace(
                            found.context().traceId(),
                            found.context().format().name(),
                            found.context().header(),
                            found.context().rawValue());
                case TraceReading.Unreadable unreadable ->
                    new ExtractedTrace(null, UNREADABLE, unreadable.header(), unreadable.rawValue());
                case TraceReading.Absent absent -> ExtractedTrace.NONE;
            };
        } catch (RuntimeException e) {
            log.warn("Could not read the trace context of message {}: {}", message.messageId(), e.toString());
            return ExtractedTrace.NONE;
        }
    }

    static Map<String, String> stringAttributes(ReceivedMessage message) {
        var strings = new LinkedHashMap<String, String>();
        message.attributes().forEach((name, value) -> {
            if (value.stringValue() != null) {
                strings.put(name, value.stringValue());
            }
        });
        return strings;
    }

    record ExtractedTrace(
            @Nullable String traceId,
            @Nullable String format,
            @Nullable String header,
            @Nullable String raw) {
        static final ExtractedTrace NONE = new ExtractedTrace(null, null, null, null);
    }
}
