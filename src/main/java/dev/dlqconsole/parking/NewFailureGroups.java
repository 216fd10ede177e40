package dev.dlqconsole.parking;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The failure groups seen so far ({@code failure_group_seen}, V21): the parker's insert tells which of
 * its new messages start a group, and publishes {@link FailureGroupAppeared} for each, in its
 * transaction. Of two parkers that meet one new failure at once, the one whose row went in tells it.
 */
@Repository
class NewFailureGroups {

    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;

    NewFailureGroups(JdbcTemplate jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    void parked(List<ParkedMessageDraft> fresh) {
        var first = new LinkedHashMap<String, ParkedMessageDraft>();
        fresh.forEach(d -> first.putIfAbsent(d.fingerprint(), d));
        if (first.isEmpty()) {
            return;
        }
        // Most batches bring known failures: one look for all of them before any insert.
        var known = jdbc.queryForList(
                "SELECT fingerprint FROM failure_group_seen WHERE fingerprint IN ("
                        + String.join(", ", java.util.Collections.nCopies(first.size(), "?")) + ")",
                String.class,
                first.keySet().toArray());
        known.forEach(first::remove);
        first.values().stream()
                .sorted(java.util.Comparator.comparing(ParkedMessageDraft::fingerprint)) // one order: no deadlock
                .forEach(d -> {
                    int inserted = jdbc.update(
                            "INSERT INTO failure_group_seen (fingerprint, first_seen_at) VALUES (?, ?)"
                                    + " ON CONFLICT DO NOTHING",
                            d.fingerprint(),
                            Timestamp.from(d.parkedAt()));
                    if (inserted > 0) {
                        events.publishEvent(new FailureGroupAppeared(
                                d.fingerprint(),
                                d.connectionName(),
                                d.dlqName(),
                                d.failureReason(),
                                d.failureType(),
                                d.parkedAt()));
                    }
                });
    }

    /** Groups renamed by masking again are the same failures under new ids: not news. */
    @EventListener
    @Transactional
    void failureGroupsRenamed(FailureGroupsRenamed renamed) {
        jdbc.update("INSERT INTO failure_group_seen (fingerprint, first_seen_at) SELECT fingerprint, min(parked_at)"
                + " FROM parked_message p WHERE NOT EXISTS (SELECT 1 FROM failure_group_seen s"
                + " WHERE s.fingerprint = p.fingerprint) GROUP BY fingerprint");
    }
}
