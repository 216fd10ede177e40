package dev.dlqconsole.parking;

import java.time.Instant;

/** How many messages of one DLQ have one status, and when the oldest of them was parked. */
public record ParkedTally(String connection, String dlq, ParkedStatus status, long count, Instant oldest) {}
