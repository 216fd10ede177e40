package dev.dlqconsole.parking;

/**
 * Where a parked message stands: waiting for an operator, being sent back by a replay job, sent back,
 * or discarded.
 */
public enum ParkedStatus {
    PARKED,
    REPLAYING,
    REPLAYED,
    DISCARDED;

    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase();
    }
}
