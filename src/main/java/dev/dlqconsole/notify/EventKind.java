package dev.dlqconsole.notify;

/** What a notification is about; {@link #wireName()} is the {@code event} field receivers see. */
public enum EventKind {
    NEW_FAILURE_GROUP("failure-group.new", "New failure group"),
    INFLOW_THRESHOLD("dlq.inflow-threshold", "DLQ inflow over its threshold"),
    OLDEST_AGE("dlq.oldest-age", "DLQ's oldest message past its age"),
    CANARY_PAUSED("replay.canary-paused", "Replay paused by its canary or ramp"),
    BUDGET_REACHED("replay.budget-reached", "Replay budget reached"),
    JOB_FINISHED("replay.finished", "Replay finished"),
    JOB_FAILED("replay.failed", "Replay failed"),
    AWAITING_APPROVAL("replay.awaiting-approval", "Replay awaiting approval"),
    /** An admin's "Send test" from the Notifications page, to one target. */
    TEST("test", "Test notification");

    private final String wireName;
    private final String label;

    EventKind(String wireName, String label) {
        this.wireName = wireName;
        this.label = label;
    }

    public String wireName() {
        return wireName;
    }

    public String label() {
        return label;
    }

    /** The events of a DLQ (or of a failure group in one), which a rule's DLQ and group lists narrow. */
    public boolean aboutDlq() {
        return this == NEW_FAILURE_GROUP || this == INFLOW_THRESHOLD || this == OLDEST_AGE;
    }
}
