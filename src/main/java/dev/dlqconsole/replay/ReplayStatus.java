package dev.dlqconsole.replay;

/**
 * A replay job's state. A job that needs a second person's approval waits as awaiting approval, then
 * runs or is rejected; a scheduled job waits for its time, a waiting one for its health URL, and gives
 * up at its deadline (docs/decisions/019). Running, paused and waiting jobs survive a restart; the
 * others are final.
 */
public enum ReplayStatus {
    AWAITING_APPROVAL("Awaiting approval"),
    SCHEDULED("Scheduled"),
    WAITING("Waiting for health"),
    RUNNING("Running"),
    PAUSED("Paused"),
    CANCELLED("Cancelled"),
    COMPLETED("Completed"),
    REJECTED("Rejected"),
    GAVE_UP("Gave up");

    private final String label;

    ReplayStatus(String label) {
        this.label = label;
    }

    public boolean finished() {
        return this == CANCELLED || this == COMPLETED || this == REJECTED || this == GAVE_UP;
    }

    /** Waiting to start: for a second person, a time or a healthy dependency. It holds no messages. */
    public boolean beforeStart() {
        return this == AWAITING_APPROVAL || this == SCHEDULED || this == WAITING;
    }

    public String label() {
        return label;
    }
}
