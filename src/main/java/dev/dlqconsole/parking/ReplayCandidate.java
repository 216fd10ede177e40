package dev.dlqconsole.parking;

import org.jspecify.annotations.Nullable;

/**
 * A parked message as a replay plans it: where it came from and goes back to, where it stands, and
 * what tells duplicates and poison apart. No body and no attributes: a preview over 100,000
 * messages reads this much of each, and bodies are read per wave when they are sent. {@code
 * bodyReplayed}: some message with the same body was replayed already (it may be a duplicate of it).
 * {@code edited}: it has a version of its own (docs/decisions/017), which is what a replay sends.
 */
public record ReplayCandidate(
        long id,
        String connection,
        String dlq,
        @Nullable String sourceQueue,
        String sqsMessageId,
        ParkedStatus status,
        @Nullable Long replayJobId,
        int replayCount,
        int replayGeneration,
        String bodySha256,
        int bodySize,
        String fingerprint,
        @Nullable String groupId,
        @Nullable String sequenceNumber,
        @Nullable String traceId,
        @Nullable String uncertainReplayId,
        boolean bodyReplayed,
        boolean edited) {

    /**
     * How many times this message has been replayed, across the copies of it parked again when it
     * came back: the count the copy carried when it was parked, plus this copy's own replays.
     */
    public int timesReplayed() {
        return replayGeneration + replayCount;
    }
}
