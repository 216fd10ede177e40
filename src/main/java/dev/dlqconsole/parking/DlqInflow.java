package dev.dlqconsole.parking;

import org.jspecify.annotations.Nullable;

/** One DLQ's inflow over the day, and when the oldest of its messages still waiting was parked. */
public record DlqInflow(String connection, String dlq, Inflow inflow, java.time.@Nullable Instant oldestParked) {}
