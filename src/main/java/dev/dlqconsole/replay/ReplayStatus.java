package dev.dlqconsole.replay;

/**
 * A replay job's state. A job that needs a second person's approval waits as awaiting approval, then
 * runs or is rejected. Running, paused and awaiting jobs survive a restart; the others are final.
 */
public enum ReplayStatus {
    AWAITING_APPROVAL("Awaiting approval"),
    RUNNING("Running"),
    PAUSED("Paused"),
    CANCELLED("Cancelled"),
    COMPLETED("Completed"),
    REJECTED("Rejected");

    private final String label;

    ReplayStatus(String label) {
        this.label = label;
    }

    public boolean finished() {
        return this == CANCELLED || this == COMPLETED || this == REJECTED;
    }

    public String label() {
        return label;
    }
}
