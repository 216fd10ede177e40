package dev.dlqconsole.parking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dlqconsole.ConsoleIntegrationTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** The Messages view's queries on the real database (H2, or PostgreSQL with -Ppostgres). */
@TestPropertySource(properties = "dlq-console.parking.enabled=false")
@WithMockUser(username = "olivia", roles = "OPERATOR")
class ParkingQueriesIT extends ConsoleIntegrationTest {

    @Autowired
    ParkingLot lot;

    @Autowired
    ParkingService parking;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcTemplate jdbc;

    private String dlq;
    private final Instant start = Instant.parse("2026-11-01T00:00:00Z");

    @BeforeEach
    void park() {
        dlq = "q-" + UUID.randomUUID().toString().substring(0, 8);
        var drafts = new ArrayList<ParkedMessageDraft>();
        for (int i = 0; i < 120; i++) {
            var reason =
                    i % 3 == 0 ? "Timed out after " + i + " ms for ord-" + i : "Unsupported currency 'XBT' in ord-" + i;
            drafts.add(draft(
                    i, reason, i % 2 == 0 ? "eu" : "us", i % 10 == 0 ? "4bf92f3577b34da6a3ce929d0e0e4736" : null));
        }
        transaction.executeWithoutResult(status -> lot.insert(drafts));
    }

    @Test
    void keyset_pages_cover_every_message_once_newest_first() {
        var filter = new MessageFilter(dlq, null, null, null, null, null, null, null);
        var seen = new ArrayList<Long>();
        Long cursor = null;
        while (true) {
            var page = parking.page(filter, cursor, 25);
            if (page.isEmpty()) {
                break;
            }
            page.forEach(row -> seen.add(row.id()));
            cursor = page.getLast().id();
        }
        assertThat(seen).hasSize(120).doesNotHaveDuplicates().isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(parking.pageAt(filter, 25, 25))
                .extracting(MessageRow::id)
                .containsExactlyElementsOf(seen.subList(25, 50));
    }

    @Test
    void filters_by_source_group_time_text_and_trace() {
        assertThat(parking.count(new MessageFilter(dlq, "eu", null, null, null, null, null, null), 1_000))
                .isEqualTo(60);
        var timeouts = FailureFingerprint.of("Timed out after 1 ms for ord-1");
        assertThat(parking.count(new MessageFilter(dlq, null, null, timeouts, null, null, null, null), 1_000))
                .isEqualTo(40);
        var window = new MessageFilter(dlq, null, null, null, start.plusSeconds(10), start.plusSeconds(20), null, null);
        assertThat(parking.page(window, null, 100)).hasSize(10);
        assertThat(parking.page(new MessageFilter(dlq, null, null, null, null, null, "CUS-0042", null), null, 100))
                .singleElement()
                .satisfies(row -> assertThat(row.bodyPreview()).contains("cus-0042"));
        assertThat(parking.page(new MessageFilter(dlq, null, null, null, null, null, "50%_off", null), null, 100))
                .isEmpty();
        assertThat(parking.count(
                        new MessageFilter(dlq, null, null, null, null, null, null, "4bf92f3577b34da6a3ce929d0e0e4736"),
                        1_000))
                .isEqualTo(12);
    }

    @Test
    void counts_are_capped() {
        assertThat(parking.count(new MessageFilter(dlq, null, null, null, null, null, null, null), 50))
                .isEqualTo(50);
    }

    @Test
    void groups_collect_reasons_that_differ_only_by_values() {
        var groups = parking.groups(ParkedStatus.PARKED).stream()
                .filter(g -> g.dlqs().contains(dlq))
                .toList();
        // Other tests of this class park the same failures in other DLQs: one group spans them all.
        assertThat(groups).hasSize(2).allSatisfy(g -> assertThat(g.count()).isGreaterThanOrEqualTo(40));
        assertThat(groups)
                .extracting(FailureGroup::template)
                .contains("Timed out after <n> ms for <id>", "Unsupported currency '<value>' in <id>");
    }

    @Test
    void discarding_needs_a_reason_and_keeps_the_message_visible_until_the_purge() {
        var ids = parking.page(new MessageFilter(dlq, null, null, null, null, null, null, null), null, 3).stream()
                .map(MessageRow::id)
                .toList();
        assertThatThrownBy(() -> parking.discard(ids, " ")).hasMessageContaining("reason");

        assertThat(parking.discard(ids, "load test traffic")).isEqualTo(3);
        assertThat(parking.discard(ids, "again")).isZero();

        var discarded = new MessageFilter(dlq, null, ParkedStatus.DISCARDED, null, null, null, null, null);
        assertThat(parking.count(discarded, 100)).isEqualTo(3);
        var details = parking.details(ids.getFirst());
        assertThat(details.message().handledBy()).isEqualTo("olivia");
        assertThat(details.history())
                .extracting(MessageDetails.HistoryEntry::what)
                .contains("Discarded");

        jdbc.update(
                "update message_state set handled_at = ? where message_id in (?, ?)",
                java.sql.Timestamp.from(Instant.now().minus(40, ChronoUnit.DAYS)),
                ids.get(0),
                ids.get(1));
        jdbc.update(
                "update parked_message set parked_at = ? where dlq_name = ? and id in"
                        + " (select message_id from message_state where status = 'PARKED')",
                java.sql.Timestamp.from(Instant.now().minus(400, ChronoUnit.DAYS)),
                dlq);
        parking.purgeHandled();

        assertThat(parking.count(discarded, 100)).isEqualTo(1);
        assertThat(parking.count(
                        new MessageFilter(dlq, null, ParkedStatus.PARKED, null, null, null, null, null), 1_000))
                .as("parked messages are never purged, however old")
                .isEqualTo(117);
    }

    @Test
    @WithMockUser(roles = "VIEWER")
    void a_viewer_browses_but_cannot_discard() {
        assertThat(parking.page(MessageFilter.ALL, null, 10)).isNotEmpty();
        assertThatThrownBy(() -> parking.discard(List.of(1L), "nope")).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void a_message_parked_twice_is_one_row() {
        var again = draft(7, "Timed out", "eu", null);
        Integer inserted = transaction.execute(status -> lot.insert(List.of(again)));
        assertThat(inserted).isZero();
        assertThat(new HashSet<>(
                        parking.matchingIds(new MessageFilter(dlq, null, null, null, null, null, null, null), 1_000)))
                .hasSize(120);
    }

    private ParkedMessageDraft draft(int i, String reason, String source, String traceId) {
        var body = String.format("{\"orderId\":\"ord-%d\",\"customer\":\"cus-%04d\"}", i, i)
                .getBytes();
        return new ParkedMessageDraft(
                "embedded",
                dlq,
                dlq + "-m" + i,
                source,
                start.plusSeconds(i),
                start.plusSeconds(i),
                3,
                reason,
                null,
                FailureFingerprint.of(reason),
                traceId,
                traceId == null ? null : "W3C",
                traceId == null ? null : "traceparent",
                null,
                FailureFingerprint.sha256(body),
                body,
                new String(body),
                new String(body).toLowerCase(),
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
