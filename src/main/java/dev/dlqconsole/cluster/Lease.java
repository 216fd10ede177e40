package dev.dlqconsole.cluster;

import java.time.Duration;

/**
 * A lease this instance holds, renewed in the background until it is closed. Work under a lease checks
 * {@link #isValid()} before each step it must not share: once renewal fails for longer than the lease
 * lasts, another instance may already have taken the work over.
 */
public final class Lease implements AutoCloseable {

    private final String name;
    private final long generation;
    private final Leases leases;
    private final long lifetimeNanos;
    private volatile long validUntilNanos;
    private volatile boolean lost;
    private volatile boolean closed;

    Lease(String name, long generation, Leases leases, Duration duration, long renewedAtNanos) {
        this.name = name;
        this.generation = generation;
        this.leases = leases;
        // A tenth of the lease as margin: the database's expiry was set after this instant.
        this.lifetimeNanos = duration.toNanos() - duration.toNanos() / 10;
        this.validUntilNanos = renewedAtNanos + lifetimeNanos;
    }

    public String name() {
        return name;
    }

    /** The fencing token: the lease's acquisition count, greater for whoever took it over later. */
    public long generation() {
        return generation;
    }

    /** Whether this instance still holds the lease (renewed in time, not taken over, not closed). */
    public boolean isValid() {
        return !lost && !closed && System.nanoTime() - validUntilNanos < 0;
    }

    void renewed(long renewedAtNanos) {
        validUntilNanos = renewedAtNanos + lifetimeNanos;
    }

    void lose() {
        lost = true;
    }

    boolean isClosed() {
        return closed;
    }

    /** Gives the lease up at once, so another instance need not wait for it to expire. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            leases.release(this);
        }
    }
}
