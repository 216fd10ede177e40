package dev.dlqconsole.notify;

/** Where one delivery of an event to one target stands. */
public enum DeliveryStatus {
    /** Waiting for its time (first try, a retry's backoff, or the target's rate limit). */
    PENDING,
    /** A request is out; a row left so by a dead instance is sent again as a possible duplicate. */
    SENDING,
    SENT,
    /** Gave up after max-attempts (or the target is gone); an admin may retry it. */
    FAILED
}
