package dev.dlqconsole.parking;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Everything about one parked message, for its page. */
public record MessageDetails(
        ParkedMessage message,
        String failureTemplate,
        List<Attribute> attributes,
        Map<String, String> systemAttributes,
        List<HistoryEntry> history,
        MessageTrace trace) {

    /** A message attribute as stored: a string value, or a binary one (base64). */
    public record Attribute(
            String name, String dataType, @Nullable String value, byte @Nullable [] binary) {}

    /** Something that happened to the message, oldest first. */
    public record HistoryEntry(
            Instant at,
            String what,
            @Nullable String who,
            @Nullable String detail,
            @Nullable String link) {

        public HistoryEntry(Instant at, String what, @Nullable String who, @Nullable String detail) {
            this(at, what, who, detail, null);
        }
    }
}
