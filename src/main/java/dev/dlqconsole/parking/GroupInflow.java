package dev.dlqconsole.parking;

/** One failure group's inflow over the day, with the newest reason parked under it and its template. */
public record GroupInflow(String fingerprint, String template, Inflow inflow) {}
