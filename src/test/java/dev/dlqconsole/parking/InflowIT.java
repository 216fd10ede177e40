package dev.dlqconsole.parking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dlqconsole.ConsoleIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** The inflow rollup on the real database (H2, or PostgreSQL with -Ppostgres): five-minute buckets per DLQ and group. */
@TestPropertySource(properties = "dlq-console.parking.enabled=false")
@WithMockUser(username = "olivia", roles = "VIEWER")
class InflowIT extends ConsoleIntegrationTest {

    @Autowired
    ParkingLot lot;

    @Autowired
    ParkingService parking;

    @Autowired
    ParkedInflow inflow;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcTemplate jdbc;

    private String word;
    private String orders;
    private String payments;
    private String timeouts;
    private String refusals;
    /** Two hours before the current bucket: a bucket boundary well inside the day. */
    private Instant base;

    private int serial;

    @BeforeEach
    void names() {
        word = letters();
        orders = "orders-" + word + "-dlq";
        payments = "payments-" + word + "-dlq";
        timeouts = "Timed out calling " + word + " after 30 s";
        refusals = "Card refused by " + word;
        base = Inflow.bucketOf(Instant.now()).minus(Duration.ofHours(2));
    }

    @Test
    void messages_land_in_the_five_minutes_they_were_parked_in_per_dlq_and_group() {
        park(
                draft(orders, timeouts, base),
                draft(orders, timeouts, base.plusSeconds(299)),
                draft(orders, refusals, base.plusSeconds(300)),
                draft(payments, timeouts, base.plusSeconds(301)),
                draft(payments, timeouts, base.minus(Duration.ofHours(25))));
        park(draft(orders, timeouts, base.plusSeconds(120)), draft(orders, timeouts, base.plusSeconds(299)));

        var day = Inflow.dayEndingAt(Instant.now());
        int at = index(day, base);
        var ordersInflow = parking.inflow(orders, null);
        assertThat(ordersInflow.from()).isEqualTo(day);
        assertThat(ordersInflow.buckets()[at])
                .as("three new in the first five minutes, a redelivery not counted")
                .isEqualTo(3);
        assertThat(ordersInflow.buckets()[at + 1]).isEqualTo(1);
        assertThat(ordersInflow.total()).isEqualTo(4);
        assertThat(parking.inflow(payments, null).total()).as("a day back only").isEqualTo(1);
        assertThat(parking.inflow(payments, null).buckets()[at + 1]).isEqualTo(1);

        var timeoutGroup = FailureFingerprint.of(timeouts);
        assertThat(parking.inflow(orders, timeoutGroup).buckets()[at]).isEqualTo(3);
        assertThat(parking.inflow(orders, timeoutGroup).buckets()[at + 1]).isZero();
        var byGroup = parking.inflowByGroup();
        assertThat(byGroup.get(timeoutGroup).buckets()[at]).isEqualTo(3);
        assertThat(byGroup.get(timeoutGroup).buckets()[at + 1])
                .as("orders and payments together")
                .isEqualTo(1);
        assertThat(byGroup.get(FailureFingerprint.of(refusals)).total()).isEqualTo(1);

        assertThat(parking.topGroups(50))
                .filteredOn(g -> g.fingerprint().equals(timeoutGroup))
                .singleElement()
                .satisfies(g -> assertThat(g.template()).contains(word));
    }

    @Test
    void counted_again_from_the_rows_the_buckets_are_the_same() {
        park(
                draft(orders, timeouts, base.plusSeconds(1)),
                draft(orders, timeouts, base.plusSeconds(2)),
                draft(payments, refusals, base.plusSeconds(600)));
        var before = rows();

        inflow.failureGroupsRenamed(new FailureGroupsRenamed(Map.of()));

        assertThat(rows()).isEqualTo(before).hasSize(2);
    }

    @Test
    void the_overview_sees_the_oldest_waiting_message_and_the_last_hour() {
        var recent = Inflow.bucketOf(Instant.now());
        park(draft(orders, timeouts, base.minusSeconds(40)), draft(orders, timeouts, recent));
        park(draft(orders, timeouts, recent.plusSeconds(1)));
        var oldest = jdbc.queryForObject("SELECT min(id) FROM parked_message WHERE dlq_name = ?", Long.class, orders);
        jdbc.update("UPDATE message_state SET status = 'REPLAYED' WHERE message_id = ?", oldest);

        var shown = parking.inflowByDlq().stream()
                .filter(d -> d.dlq().equals(orders))
                .findFirst()
                .orElseThrow();

        assertThat(shown.connection()).isEqualTo("embedded");
        assertThat(shown.oldestParked()).as("the replayed one no longer waits").isEqualTo(recent);
        assertThat(shown.inflow().lastHour()).isEqualTo(2);
        assertThat(shown.inflow().total()).isEqualTo(3);
    }

    @Test
    void the_purge_drops_buckets_older_than_a_week() {
        park(draft(orders, timeouts, Instant.now().minus(Duration.ofDays(8))), draft(orders, timeouts, base));

        transaction.executeWithoutResult(status -> parking.purgeHandled());

        assertThat(rows()).hasSize(1);
    }

    private List<Map<String, Object>> rows() {
        return jdbc.queryForList(
                "SELECT bucket_start, dlq_name, fingerprint, parked FROM parked_inflow WHERE dlq_name IN (?, ?)"
                        + " ORDER BY bucket_start, dlq_name, fingerprint",
                orders,
                payments);
    }

    @Test
    void parkers_adding_to_the_same_buckets_at_once_never_deadlock_and_count_every_message() throws Exception {
        // Each transaction adds to a different mix of buckets that exist and buckets that do not yet.
        var batches = new ArrayList<List<ParkedMessageDraft>>();
        var random = new java.util.Random(7);
        int total = 0;
        for (int b = 0; b < 240; b++) {
            var batch = new ArrayList<ParkedMessageDraft>();
            for (int bucket = 0; bucket < 12; bucket++) {
                if (random.nextInt(3) > 0) {
                    batch.add(draft(orders, timeouts, base.plus(Duration.ofMinutes(5L * bucket))));
                }
            }
            total += batch.size();
            batches.add(batch);
        }
        var next = new java.util.concurrent.atomic.AtomicInteger();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(6)) {
            var workers = new ArrayList<java.util.concurrent.Future<?>>();
            for (int t = 0; t < 6; t++) {
                workers.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < batches.size()) {
                        var batch = batches.get(i);
                        transaction.executeWithoutResult(status -> inflow.add(batch));
                    }
                    return null;
                }));
            }
            for (var worker : workers) {
                worker.get(); // a deadlock surfaces here as the failed transaction's exception
            }
        }
        assertThat(jdbc.queryForObject("SELECT sum(parked) FROM parked_inflow WHERE dlq_name = ?", Long.class, orders))
                .isEqualTo(total);
    }

    private static int index(Instant day, Instant bucket) {
        return (int) (Duration.between(day, bucket).toMinutes() / 5);
    }

    private void park(ParkedMessageDraft... drafts) {
        transaction.executeWithoutResult(status -> lot.insert(List.of(drafts)));
    }

    private static String letters() {
        var random = ThreadLocalRandom.current();
        var text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }

    private ParkedMessageDraft draft(String dlq, String reason, Instant parkedAt) {
        // The same SQS id for the same DLQ and time: parking it again is a redelivery.
        var id = dlq + "-" + parkedAt.toEpochMilli();
        var body = ("{\"n\":" + serial++ + "}").getBytes();
        return new ParkedMessageDraft(
                "embedded",
                dlq,
                id,
                "source",
                parkedAt,
                parkedAt,
                3,
                reason,
                null,
                FailureFingerprint.of(reason),
                null,
                null,
                null,
                null,
                FailureFingerprint.sha256(body),
                body,
                new String(body),
                new String(body),
                "{}",
                "{}",
                null,
                null,
                null,
                null,
                0,
                "{}",
                "test");
    }
}
