package dev.dlqconsole.parking;

import java.time.Instant;
import java.util.List;

/**
 * Parked messages that failed the same way: the reason's template, how many, where and when, and who
 * works it ({@code work}).
 */
public record FailureGroup(
        String fingerprint,
        String template,
        String sampleReason,
        long count,
        List<String> dlqs,
        Instant firstSeen,
        Instant lastSeen,
        GroupWork work) {

    public FailureGroup withWork(GroupWork newWork) {
        return new FailureGroup(fingerprint, template, sampleReason, count, dlqs, firstSeen, lastSeen, newWork);
    }
}
