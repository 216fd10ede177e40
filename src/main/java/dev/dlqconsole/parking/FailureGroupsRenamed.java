package dev.dlqconsole.parking;

import java.util.Map;

/**
 * Failure groups got new ids when the parking lot was masked again at start-up (rows parked before
 * masking at park time, or a new key or new masking settings): whatever keeps a group id (an
 * incident's scope) follows its group. {@code newByOld}: each old id and the new id of its messages.
 */
public record FailureGroupsRenamed(Map<String, String> newByOld) {}
