package dev.dlqconsole.parking;

import org.jspecify.annotations.Nullable;

/**
 * A parked message's trace as its page shows it: the id and a link when the header was readable,
 * or the raw header and what is wrong with it.
 */
public record MessageTrace(
        @Nullable String traceId,
        @Nullable String format,
        @Nullable String header,
        @Nullable String rawValue,
        @Nullable String problem,
        @Nullable String url) {

    public boolean readable() {
        return traceId != null;
    }

    public boolean present() {
        return traceId != null || rawValue != null;
    }
}
