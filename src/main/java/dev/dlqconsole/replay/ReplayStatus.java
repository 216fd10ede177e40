package dev.dlqconsole.replay;

/** A replay job's state. Running and paused jobs survive a restart; the others are final. */
public enum ReplayStatus {
    RUNNING,
    PAUSED,
    CANCELLED,
    COMPLETED;

    public boolean finished() {
        return this == CANCELLED || this == COMPLETED;
    }

    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase();
    }
}
