package dev.dlqconsole.cluster;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Leases in the database, so that work which must not run twice runs on one instance at a time: a
 * DLQ's parking, a replay job, each scheduled check. A lease is a row with its holder and an expiry
 * in the database's clock; the holder renews it every third of {@code dlq-console.cluster.lease-duration},
 * and when an instance dies its leases expire and the other instances take the work over.
 */
@Service
public class Leases {

    private static final Logger log = LoggerFactory.getLogger(Leases.class);
    private static final String EXPIRY = "CURRENT_TIMESTAMP + CAST(? AS DOUBLE PRECISION) * INTERVAL '1' SECOND";

    private final JdbcTemplate jdbc;
    private final MeterRegistry meters;
    private final TransactionTemplate ownTransaction;
    private final Duration duration;
    private final String instanceName;
    /** The name with a token of this start: two instances misconfigured with one name still differ. */
    private final String holder;

    private final Map<String, Lease> held = new ConcurrentHashMap<>();
    private volatile boolean stopped;
    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("lease-renewer").daemon(true).factory());

    Leases(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            ClusterProperties properties,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.meters = meters;
        // Each lease statement commits at once, whatever transaction the caller is in.
        this.ownTransaction = new TransactionTemplate(transactions);
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.duration = properties.leaseDuration();
        this.instanceName =
                properties.instanceName() == null || properties.instanceName().isBlank()
                        ? defaultName()
                        : properties.instanceName().strip();
        var token = new byte[3];
        new SecureRandom().nextBytes(token);
        this.holder = clip(instanceName, 190) + " #" + HexFormat.of().formatHex(token);
        long every = Math.max(100, duration.toMillis() / 3);
        renewer.scheduleWithFixedDelay(this::renewAll, every, every, TimeUnit.MILLISECONDS);
    }

    /** This instance's name, as other instances see it in the lease table. */
    public String instanceName() {
        return instanceName;
    }

    /** How many leases this instance holds right now. */
    public int heldCount() {
        return held.size();
    }

    public Duration leaseDuration() {
        return duration;
    }

    /**
     * Takes the lease if no instance holds it (or its holder stopped renewing it), and keeps renewing it
     * until it is closed. Empty when another instance holds it, or this one already does.
     */
    public Optional<Lease> tryAcquire(String name) {
        if (stopped || held.containsKey(name)) {
            return Optional.empty();
        }
        long before = System.nanoTime();
        // The generation is the fencing token: it grows with every acquisition, whoever takes it.
        Long generation = ownTransaction.execute(status -> {
            int updated = jdbc.update(
                    "UPDATE lease SET holder = ?, generation = generation + 1, acquired_at = CURRENT_TIMESTAMP,"
                            + " expires_at = " + EXPIRY + " WHERE name = ? AND expires_at <= CURRENT_TIMESTAMP",
                    holder,
                    seconds(duration),
                    name);
            if (updated == 0) {
                updated = jdbc.update(
                        "INSERT INTO lease (name, holder, generation, acquired_at, expires_at)"
                                + " VALUES (?, ?, 1, CURRENT_TIMESTAMP, " + EXPIRY + ") ON CONFLICT DO NOTHING",
                        name,
                        holder,
                        seconds(duration));
            }
            return updated == 0
                    ? null
                    : jdbc.queryForObject(
                            "SELECT generation FROM lease WHERE name = ? AND holder = ?", Long.class, name, holder);
        });
        if (generation == null) {
            return Optional.empty();
        }
        var lease = new Lease(name, generation, this, duration, before);
        if (held.putIfAbsent(name, lease) != null) {
            return Optional.empty();
        }
        log.debug("{} took the lease {}", instanceName, name);
        return Optional.of(lease);
    }

    /**
     * Runs a scheduled check if no instance runs it now and none ran it less than {@code period} ago: the
     * lease stays until {@code period} after it was taken, so the check runs once per period across the
     * cluster. Returns whether it ran here.
     */
    public boolean runOncePer(String name, Duration period, Runnable check) {
        var lease = tryAcquire(name);
        if (lease.isEmpty()) {
            return false;
        }
        try {
            // dlq_console_scheduled_checks_total{check}: summed over the instances, once per period.
            meters.counter("dlq.console.scheduled.checks", "check", name).increment();
            check.run();
        } finally {
            keepFor(lease.get(), period);
        }
        return true;
    }

    /** The instance that holds the lease now, if any does (read now, not at the caller's transaction start). */
    public Optional<String> holder(String name) {
        return Optional.ofNullable(ownTransaction.execute(status -> jdbc
                .query(
                        "SELECT holder FROM lease WHERE name = ? AND expires_at > CURRENT_TIMESTAMP",
                        (rs, row) -> rs.getString(1),
                        name)
                .stream()
                .findFirst()
                .orElse(null)));
    }

    /**
     * Confirms, inside the caller's transaction, that this instance still holds the lease under the
     * same fencing token (its generation), and locks its row until that transaction ends: an instance
     * taking the lease over waits for the commit, and then sees everything done under the lease; a
     * transaction that cannot confirm must change nothing. Work that must never overlap (each write of
     * a replay executor) calls this first in every transaction.
     */
    public boolean confirm(Lease lease) {
        return lease.isValid()
                && jdbc.update(
                                "UPDATE lease SET expires_at = expires_at WHERE name = ? AND holder = ?"
                                        + " AND generation = ? AND expires_at > CURRENT_TIMESTAMP",
                                lease.name(),
                                holder,
                                lease.generation())
                        > 0;
    }

    /** The name of the instance that holds the lease now (without its start token), if any does. */
    public Optional<String> instanceHolding(String name) {
        return holder(name).map(h -> h.contains(" #") ? h.substring(0, h.lastIndexOf(" #")) : h);
    }

    public boolean isHeld(String name) {
        return holder(name).isPresent();
    }

    void release(Lease lease) {
        held.remove(lease.name(), lease);
        try {
            ownTransaction.executeWithoutResult(status -> jdbc.update(
                    "DELETE FROM lease WHERE name = ? AND holder = ? AND generation = ?",
                    lease.name(),
                    holder,
                    lease.generation()));
        } catch (RuntimeException e) {
            log.warn("Could not give up the lease {}; it expires in {}: {}", lease.name(), duration, e.toString());
        }
    }

    private void keepFor(Lease lease, Duration period) {
        held.remove(lease.name(), lease);
        try {
            ownTransaction.executeWithoutResult(status -> jdbc.update(
                    "UPDATE lease SET expires_at = GREATEST(acquired_at + CAST(? AS DOUBLE PRECISION) * INTERVAL '1' SECOND,"
                            + " CURRENT_TIMESTAMP) WHERE name = ? AND holder = ? AND generation = ?",
                    seconds(period.multipliedBy(9).dividedBy(10)),
                    lease.name(),
                    holder,
                    lease.generation()));
        } catch (RuntimeException e) {
            log.warn("Could not keep the lease {} for its period: {}", lease.name(), e.toString());
        }
    }

    private void renewAll() {
        for (var lease : held.values()) {
            long before = System.nanoTime();
            try {
                Integer renewed = ownTransaction.execute(status -> jdbc.update(
                        "UPDATE lease SET expires_at = " + EXPIRY + " WHERE name = ? AND holder = ? AND generation = ?",
                        seconds(duration),
                        lease.name(),
                        holder,
                        lease.generation()));
                if (renewed != null && renewed > 0) {
                    lease.renewed(before);
                } else if (!lease.isClosed()) {
                    log.warn("{} lost the lease {}: another instance took it over", instanceName, lease.name());
                    lease.lose();
                    held.remove(lease.name(), lease);
                }
            } catch (RuntimeException e) {
                // Whatever went wrong (no connection, a failed commit), the renewer must keep running: an
                // exception escaping it would end every later renewal. The lease lapses on its own if the
                // database stays out of reach, and the work under it stops.
                log.warn("Could not renew the lease {}: {}", lease.name(), e.toString());
            }
        }
    }

    /** Stops renewing without giving anything up, as a crashed instance does (for tests). */
    void stopRenewing() {
        renewer.shutdownNow();
        held.clear();
    }

    /** A graceful stop hands every lease over at once instead of after it expires. */
    @PreDestroy
    void releaseAll() {
        stopped = true;
        renewer.shutdownNow();
        for (var lease : held.values()) {
            lease.close(); // release() catches its own failures: one lease cannot keep the others
        }
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static String clip(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }

    private static String defaultName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + ":" + ManagementFactory.getRuntimeMXBean().getPid();
    }
}
