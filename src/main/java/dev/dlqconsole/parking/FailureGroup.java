package dev.dlqconsole.parking;

import java.time.Instant;
import java.util.List;

/** Parked messages that failed the same way: the reason's template, how many, where and when. */
public record FailureGroup(
        String fingerprint,
        String template,
        String sampleReason,
        long count,
        List<String> dlqs,
        Instant firstSeen,
        Instant lastSeen) {}
