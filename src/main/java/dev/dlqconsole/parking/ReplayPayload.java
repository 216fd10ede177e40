package dev.dlqconsole.parking;

import dev.dlqconsole.sqs.MessageAttribute;
import dev.dlqconsole.tracing.TraceContext;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What a replay sends of a parked message, read when its wave goes out: its latest version (as parked, unless edited). */
public record ReplayPayload(
        long id,
        String body,
        Map<String, MessageAttribute> attributes,
        @Nullable TraceContext trace) {}
