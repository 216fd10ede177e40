package dev.dlqconsole.parking;

import java.time.Instant;

/**
 * One edit of a parked message: version 1 is the first edit (the message as parked is version 0, and
 * never changes), made by {@code editedBy} at {@code editedAt} for {@code reason}; {@code bulk} when it
 * came from a find-and-replace over a selection.
 */
public record MessageVersion(
        long messageId, int version, String editedBy, Instant editedAt, String reason, boolean bulk, int bodySize) {}
