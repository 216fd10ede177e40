package dev.dlqconsole.parking;

/** How many messages of one DLQ the parking lot holds, by status. */
public record DlqParkingCount(String connection, String dlq, long parked, long replayed, long discarded) {}
