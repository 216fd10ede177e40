package dev.dlqconsole.parking;

import dev.dlqconsole.audit.AuditEntry;
import dev.dlqconsole.audit.AuditLog;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Failure groups as work: an owner, a status, a ticket and notes, each change audited (under the
 * incident the person works on, when there is one). A group marked replayed or ignored reopens as new
 * when a message joins it afterwards: checked before every listing and once a minute, so the status a
 * person reads is never "ignored" for a failure that came back.
 */
@Service
public class FailureGroupService {

    private static final Logger log = LoggerFactory.getLogger(FailureGroupService.class);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final FailureGroupWork work;
    private final ParkingLot lot;
    private final AuditLog audit;
    private final Clock clock;

    FailureGroupService(FailureGroupWork work, ParkingLot lot, AuditLog audit, Clock clock) {
        this.work = work;
        this.lot = lot;
        this.audit = audit;
        this.clock = clock;
    }

    /** The group's work, or that of an untouched (new) group. */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public GroupWork work(String fingerprint) {
        return work.find(fingerprint).orElseGet(() -> GroupWork.untouched(fingerprint));
    }

    /** The group as Failure groups lists it, with its work; empty when no message has its id. */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public Optional<FailureGroup> group(String fingerprint) {
        return lot.group(fingerprint).map(g -> g.withWork(work(fingerprint)));
    }

    /** The newest reason of each group, for a title beside its counts (a replay preview's breakdown). */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public Map<String, String> reasons(Collection<String> fingerprints) {
        return lot.latestReasons(fingerprints);
    }

    /**
     * Saves what a person set, over the version they saw.
     *
     * @throws IllegalArgumentException for a value the group cannot take, saying which
     * @throws IllegalStateException when someone else changed the group since it was read
     */
    @PreAuthorize("hasRole('OPERATOR')")
    @Transactional
    public GroupWork update(GroupWork seen, GroupWork.Change change) {
        var checked = new GroupWork.Change(
                Objects.requireNonNull(change.status(), "A failure group needs a status"),
                checked(change.owner(), 100, "The owner"),
                ticket(change.ticketUrl()),
                checked(change.notes(), 4_000, "The notes"));
        var current = work(seen.fingerprint());
        var by = SecurityContextHolder.getContext().getAuthentication().getName();
        var closedThrough = checked.status().open() ? null : work.newestMessage(seen.fingerprint());
        if (current.version() != seen.version() || !work.save(seen, checked, by, clock.instant(), closedThrough)) {
            throw new IllegalStateException("Someone else changed this failure group"
                    + (current.changedBy() == null ? "" : " (" + current.changedBy() + ")")
                    + " since you opened it: reload it and set it again");
        }
        var changes = changes(current, checked);
        audit.record(AuditEntry.of("group.update", target(seen.fingerprint()), null)
                .withDetail(changes.isEmpty() ? "saved unchanged" : String.join("; ", changes)));
        return work(seen.fingerprint());
    }

    /** Reopens every closed group a message joined since it was closed; how many it reopened. */
    @Scheduled(fixedDelayString = "${dlq-console.parking.group-reopen-check:1m}", initialDelay = 10_000)
    @Transactional
    public int reopenJoined() {
        int reopened = 0;
        for (var due : work.reopenings()) {
            if (!work.reopen(due.work(), clock.instant())) {
                continue; // another instance, or a person, changed it first
            }
            reopened++;
            audit.record(AuditEntry.of(
                            "group.reopen",
                            target(due.work().fingerprint()),
                            String.format(
                                    Locale.ROOT,
                                    "%,d new message%s since it was marked %s, the first parked at %s",
                                    due.newMessages(),
                                    due.newMessages() == 1 ? "" : "s",
                                    due.work().status().label().toLowerCase(Locale.ROOT),
                                    TIME.format(due.firstNewAt())))
                    .by(AuditLog.SYSTEM));
        }
        if (reopened > 0) {
            log.info("{} failure groups reopened: new messages joined them after they were closed", reopened);
        }
        return reopened;
    }

    @EventListener
    @Transactional
    void failureGroupsRenamed(FailureGroupsRenamed renamed) {
        var moved = work.rename(renamed.newByOld());
        if (moved > 0) {
            log.info("{} failure groups keep their owner and status under their new id", moved);
        }
    }

    private static String target(String fingerprint) {
        return "failure group " + fingerprint;
    }

    private static ArrayList<String> changes(GroupWork before, GroupWork.Change after) {
        var changes = new ArrayList<String>();
        if (before.status() != after.status()) {
            changes.add(
                    "status " + before.status().label() + " → " + after.status().label());
        }
        if (!Objects.equals(before.owner(), after.owner())) {
            changes.add("owner " + shown(before.owner()) + " → " + shown(after.owner()));
        }
        if (!Objects.equals(before.ticketUrl(), after.ticketUrl())) {
            changes.add("ticket " + shown(before.ticketUrl()) + " → " + shown(after.ticketUrl()));
        }
        if (!Objects.equals(before.notes(), after.notes())) {
            changes.add(after.notes() == null ? "notes removed" : "notes edited");
        }
        return changes;
    }

    private static String shown(@Nullable String value) {
        return value == null ? "none" : value;
    }

    /** A ticket is a link people click: http or https only, so it can never run script. */
    private static @Nullable String ticket(@Nullable String url) {
        var text = checked(url, 500, "The ticket link");
        if (text == null) {
            return null;
        }
        try {
            var uri = new URI(text);
            var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return text;
            }
        } catch (URISyntaxException notALink) {
            // said below
        }
        throw new IllegalArgumentException(
                "The ticket must be an http:// or https:// link, like" + " https://tracker.example.com/browse/OPS-123");
    }

    private static @Nullable String checked(@Nullable String value, int max, String what) {
        if (value == null || value.isBlank()) {
            return null;
        }
        var text = value.strip();
        if (text.length() > max) {
            throw new IllegalArgumentException(String.format("%s is limited to %,d characters", what, max));
        }
        return text;
    }
}
