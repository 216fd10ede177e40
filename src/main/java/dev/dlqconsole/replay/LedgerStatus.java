package dev.dlqconsole.replay;

/**
 * One message's state in one job (docs/decisions/007). SENDING is written, with the claim, before the
 * send: a job that finds it later (after a crash, a takeover, or sends nobody answered) cannot know
 * whether SQS took the message, so it sends again with the same replay id and counts it ambiguous.
 * UNKNOWN is where a SENDING entry ends when its job is cancelled: the message went back to the
 * parking lot keeping that replay id, which its next replay reuses.
 */
public enum LedgerStatus {
    PENDING,
    SENDING,
    SENT,
    SKIPPED,
    FAILED,
    UNKNOWN;

    public String label() {
        return switch (this) {
            case UNKNOWN -> "outcome unknown";
            default -> name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
