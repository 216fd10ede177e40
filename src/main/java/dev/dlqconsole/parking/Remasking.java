package dev.dlqconsole.parking;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Masks again, at start-up and before the console serves, every parked row that was not masked with
 * the rules and key in force: rows parked before masking at park time (V13 leaves them NULL), and all
 * rows after a change of the masking settings or the key. From the raw payload it recomputes what
 * people see and search, 500 rows per transaction, so a crash midway resumes where it stopped; two
 * instances starting at once write the same values. Groups whose id changed are announced once the
 * console has started ({@link FailureGroupsRenamed}). See docs/decisions/010.
 */
@Component
class Remasking implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(Remasking.class);
    private static final int BATCH = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ShownValues shown;
    private final MessageSearch search;
    private final ApplicationEventPublisher events;
    private final Map<String, String> renamed = new HashMap<>();

    Remasking(
            JdbcTemplate jdbc,
            TransactionTemplate transaction,
            ShownValues shown,
            MessageSearch search,
            ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.shown = shown;
        this.search = search;
    }

    @Override
    public void afterSingletonsInstantiated() {
        run();
    }

    /** Once every listener is there: the groups that got new ids, for those who keep one. */
    @EventListener(ApplicationStartedEvent.class)
    void announceRenamedGroups() {
        if (!renamed.isEmpty()) {
            events.publishEvent(new FailureGroupsRenamed(Map.copyOf(renamed)));
            renamed.clear();
        }
    }

    /** Re-masks what needs it; returns how many rows it masked. */
    int run() {
        var rules = shown.maskedWith();
        long after = 0;
        int total = 0;
        var started = System.nanoTime();
        while (true) {
            var ids = jdbc.queryForList(
                    "SELECT id FROM parked_message WHERE id > ? AND (masked_with IS NULL OR masked_with <> ?)"
                            + " ORDER BY id LIMIT " + BATCH,
                    Long.class,
                    after,
                    rules);
            if (ids.isEmpty()) {
                break;
            }
            var searchable = transaction.execute(status -> remask(ids, rules));
            if (search.keepsOwnIndex() && searchable != null && !searchable.isEmpty()) {
                // The index adds, it never updates: the documents of the unmasked texts go first.
                search.remove(ids);
                search.add(searchable);
            }
            after = ids.getLast();
            total += ids.size();
            if (total % 50_000 < BATCH) {
                log.info("Masking parked messages with the masking settings in force: {} so far", total);
            }
        }
        if (total > 0) {
            log.info(
                    "Masked {} parked messages with the masking settings in force in {} ms",
                    total,
                    (System.nanoTime() - started) / 1_000_000);
        }
        return total;
    }

    private List<MessageSearch.Searchable> remask(List<Long> ids, String rules) {
        var messages = new ArrayList<Object[]>();
        var payloads = new ArrayList<Object[]>();
        var searchable = new ArrayList<MessageSearch.Searchable>();
        jdbc.query(
                "SELECT p.message_id, p.body, p.attributes_json, m.fingerprint FROM parked_payload p"
                        + " JOIN parked_message m ON m.id = p.message_id WHERE p.message_id IN ("
                        + ParkingLot.literals(ids) + ")",
                rs -> {
                    var id = rs.getLong(1);
                    var values = shown.of(
                            new String(rs.getBytes(2), StandardCharsets.UTF_8),
                            StoredAttributes.decode(rs.getString(3)));
                    messages.add(new Object[] {
                        values.failureReason(), values.failureType(), values.fingerprint(), values.preview(), rules, id
                    });
                    payloads.add(new Object[] {values.searchText(), values.shownAttributesJson(), id});
                    searchable.add(new MessageSearch.Searchable(id, values.searchText()));
                    if (!values.fingerprint().equals(rs.getString(4))) {
                        renamed.putIfAbsent(rs.getString(4), values.fingerprint());
                    }
                });
        jdbc.batchUpdate(
                "UPDATE parked_message SET failure_reason = ?, failure_type = ?, fingerprint = ?, body_preview = ?,"
                        + " masked_with = ? WHERE id = ?",
                messages);
        jdbc.batchUpdate(
                "UPDATE parked_payload SET search_text = ?, shown_attributes_json = ? WHERE message_id = ?", payloads);
        return searchable;
    }
}
