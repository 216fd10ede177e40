package dev.dlqconsole.audit;

import dev.dlqconsole.audit.AuditEvent.Outcome;
import dev.dlqconsole.cluster.Leases;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records what people (and the console itself) did, in the transaction of the action: if the action
 * rolls back, so does its event; if the event cannot be written, the action fails. Each event is
 * chained to the one before; {@link #verify()} walks the chain.
 */
@Service
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    public static final String SYSTEM = "system";

    private final AuditTrail trail;
    private final Clock clock;
    private final ObjectProvider<IncidentContext> incidents;
    private final Leases leases;
    private final Duration verifyInterval;
    private final ChainKey key;
    /**
     * The newest event this instance knows to be in the chain (appended here and committed, or seen in
     * a walk): the anchor outside the table. A chain that no longer holds it lost its tail (ADR 009).
     */
    private final AtomicReference<AuditTrail.@Nullable Head> anchor = new AtomicReference<>();

    AuditLog(
            AuditTrail trail,
            Clock clock,
            ObjectProvider<IncidentContext> incidents,
            Leases leases,
            AuditProperties properties) {
        this.trail = trail;
        this.clock = clock;
        this.incidents = incidents;
        this.leases = leases;
        this.verifyInterval = properties.verifyInterval();
        this.key = ChainKey.of(properties.chainSecret());
        if (!key.present()) {
            log.warn("The audit trail's chain is not keyed: anyone who can write its table can rewrite it unnoticed."
                    + " Set dlq-console.audit.chain-secret (DLQ_CONSOLE_AUDIT_CHAIN_SECRET), see ADR 009");
        }
    }

    /** Records an action of the current user, in the caller's transaction. */
    @Transactional
    public void record(String action, @Nullable String targets, @Nullable String reason) {
        record(AuditEntry.of(action, targets, reason));
    }

    @Transactional
    public void record(AuditEntry entry) {
        append(entry);
    }

    /**
     * Records in a transaction of its own: for what has no transaction to join, or one that is
     * rolling back (a denied attempt, a login, a failure).
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordAlone(AuditEntry entry) {
        append(entry);
    }

    /**
     * A login, a failed login or a denied attempt: in a transaction of its own, and never under an
     * incident (a stranger typing an operator's name must not write into that operator's incident).
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordSecurityEvent(AuditEntry entry) {
        append(entry, false);
    }

    /** The incident the current user is working on, at its current step, if any. */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public Optional<IncidentRef> currentIncident() {
        return incidentOf(currentUser());
    }

    @PreAuthorize("hasRole('OPERATOR')")
    @Transactional(readOnly = true)
    public List<AuditEvent> search(AuditQuery query, int offset, int limit) {
        return trail.search(query, Math.max(offset, 0), Math.clamp(limit, 1, 1_000));
    }

    @PreAuthorize("hasRole('OPERATOR')")
    @Transactional(readOnly = true)
    public List<String> actions() {
        return trail.actions();
    }

    /** Every event recorded under an incident, oldest first: its timeline. */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public List<AuditEvent> timeline(long incidentId) {
        return trail.ofIncident(incidentId);
    }

    /** Walks the whole chain now (an admin's button); the result is recorded as an event too. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public Verification verify() {
        var result = walk();
        append(AuditEntry.of("audit.verify", null, null)
                .withOutcome(result.intact() ? Outcome.OK : Outcome.FAILED, result.describe()));
        return result;
    }

    /**
     * The scheduled check, on one instance of the cluster per interval: the same walk, logged, its result
     * kept in the database for every instance's metrics and Audit view.
     */
    @Scheduled(
            fixedDelayString = "${dlq-console.audit.verify-interval:10m}",
            initialDelayString = "${dlq-console.audit.verify-initial-delay:30s}")
    @Transactional
    public void verifyOnSchedule() {
        leases.runOncePer("audit verification", verifyInterval, () -> {
            var result = walk();
            if (!result.intact()) {
                log.error("The audit trail's chain is broken: {}", result.describe());
            }
        });
    }

    /** The newest verification, by schedule or by an admin, on any instance. */
    @Transactional(readOnly = true)
    public Optional<Verification> lastVerification() {
        return trail.lastVerification();
    }

    private Verification walk() {
        // The anchor before the head: whatever this instance saw committed is in the head read next.
        var seen = anchor.get();
        // The head first: events appended while the walk runs are beyond it and checked next time.
        var head = trail.head();
        var expected = new String[] {AuditChain.GENESIS};
        var checked = new long[] {0};
        var keyed = new boolean[] {false};
        var seenFound = new boolean[] {false};
        var broken = new AuditEvent[1];
        var problem = new String[1];
        trail.eachLinkUpTo(head.lastId(), (e, mac) -> {
            if (broken[0] != null) {
                return;
            }
            String wrong = null;
            if (!e.prevHash().equals(expected[0])) {
                wrong = "it does not follow the event before it (an event was removed or inserted)";
            } else if (!AuditChain.hash(e).equals(e.hash())) {
                wrong = "its content does not match its hash (the event was changed)";
            } else if (key.present() && mac != null && !mac.equals(key.event(e.hash()))) {
                wrong = "its keyed hash does not match (the event was changed and its hash recomputed)";
            } else if (key.present()
                    && mac == null
                    && (keyed[0] || (head.keyedFrom() != null && e.id() >= head.keyedFrom()))) {
                wrong = "it has no keyed hash, but the chain is keyed from event " + head.keyedFrom() + " on";
            } else if (seen != null && e.id() == seen.lastId() && !e.hash().equals(seen.lastHash())) {
                wrong = "its hash is not the one this console saw for it (the event was replaced)";
            }
            if (wrong != null) {
                broken[0] = e;
                problem[0] = wrong;
                return;
            }
            checked[0]++;
            expected[0] = e.hash();
            keyed[0] |= mac != null;
            seenFound[0] |= seen != null && e.id() == seen.lastId();
        });
        Verification result;
        if (broken[0] != null) {
            result = new Verification(clock.instant(), checked[0], broken[0].id(), problem[0]);
        } else if (!head.lastHash().equals(expected[0])) {
            result = new Verification(
                    clock.instant(), checked[0], null, "the newest events are missing (the head points past them)");
        } else if (key.present()
                && (keyed[0] || head.mac() != null)
                && !key.head(head.lastId(), head.lastHash(), head.keyedFrom()).equals(head.mac())) {
            result = new Verification(
                    clock.instant(),
                    checked[0],
                    null,
                    "the head's keyed hash does not match: it was moved, and the newest events are missing");
        } else if (seen != null && seen.lastId() > 0 && !seenFound[0]) {
            result = new Verification(
                    clock.instant(),
                    checked[0],
                    null,
                    "event " + seen.lastId() + ", which this console saw in the chain, is missing: the newest events"
                            + " were removed and the head moved back to event " + head.lastId());
        } else {
            result = new Verification(clock.instant(), checked[0], null, null);
            advanceAnchor(head);
            // The head, logged: an anchor outside the database to compare a later chain with.
            log.info(
                    "Audit chain intact up to event {} (hash {}, {}): {} events",
                    head.lastId(),
                    head.lastHash(),
                    head.keyedFrom() == null ? "not keyed" : "keyed from event " + head.keyedFrom(),
                    checked[0]);
        }
        trail.saveVerification(result);
        return result;
    }

    /**
     * Whether the chain's head, as the database has it now, still reaches the newest event this instance
     * saw: a cheap check for every metrics scrape, between two walks.
     */
    @Transactional(readOnly = true)
    public boolean reachesAnchor() {
        var seen = anchor.get();
        if (seen == null || seen.lastId() == 0) {
            return true;
        }
        var head = trail.head();
        return head.lastId() >= seen.lastId()
                && trail.hashOf(seen.lastId()).map(seen.lastHash()::equals).orElse(false);
    }

    /** The id of the chain's newest event, as its head says now (for the metrics' anchor). */
    @Transactional(readOnly = true)
    public long headEventId() {
        return trail.head().lastId();
    }

    private void advanceAnchor(AuditTrail.Head head) {
        anchor.accumulateAndGet(
                head, (mine, theirs) -> mine == null || theirs.lastId() > mine.lastId() ? theirs : mine);
    }

    private void append(AuditEntry entry) {
        append(entry, true);
    }

    private void append(AuditEntry entry, boolean underActiveIncident) {
        // A user name comes from whoever types it at the login page: keep it to the column's size.
        var name = entry.actor() != null ? entry.actor() : currentUser();
        var actor = name.length() <= 100 ? name : name.substring(0, 99) + "…";
        Long incidentId = entry.incidentId();
        Integer step = entry.step();
        if (incidentId == null && underActiveIncident) {
            var incident = incidentOf(actor);
            if (incident.isPresent()) {
                incidentId = incident.get().incidentId();
                step = incident.get().step();
            }
        }
        var at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        var head = trail.lockHead();
        var prev = head.lastHash();
        var targets = clip(entry.targets(), 2_000);
        var reason = clip(entry.reason(), 2_000);
        var detail = clip(entry.detail(), 2_000);
        var hash = AuditChain.hash(
                prev, at, actor, entry.action(), targets, reason, incidentId, step, entry.outcome(), detail);
        var mac = key.event(hash);
        var keyedFrom = head.keyedFrom();
        var event = new AuditEvent(
                0, at, actor, entry.action(), targets, reason, incidentId, step, entry.outcome(), detail, prev, hash);
        long id = trail.append(
                event,
                mac,
                keyedFrom,
                newId -> key.head(newId, hash, keyedFrom != null || mac == null ? keyedFrom : Long.valueOf(newId)));
        var appended = new AuditTrail.Head(id, hash, null, null);
        boolean keyedHere = keyedFrom == null && mac != null;
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    advanceAnchor(appended);
                    if (keyedHere) {
                        // An anchor in the log: where the keyed part of the chain starts.
                        log.info(
                                "The audit chain is keyed from event {} on (hash {}); the events before it keep their"
                                        + " SHA-256 links",
                                id,
                                hash);
                    }
                }
            });
        }
    }

    private Optional<IncidentRef> incidentOf(String actor) {
        var context = incidents.getIfAvailable();
        return context == null || actor.equals(SYSTEM) ? Optional.empty() : context.activeFor(actor);
    }

    private static String currentUser() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null || authentication instanceof AnonymousAuthenticationToken
                ? SYSTEM
                : authentication.getName();
    }

    private static @Nullable String clip(@Nullable String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
