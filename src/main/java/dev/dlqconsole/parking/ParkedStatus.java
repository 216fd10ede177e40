package dev.dlqconsole.parking;

/** Where a parked message stands: still parked, sent back by a replay, or discarded by an operator. */
public enum ParkedStatus {
    PARKED,
    REPLAYED,
    DISCARDED;

    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase();
    }
}
