package dev.dlqconsole.parking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.dlqconsole.ConsoleIntegrationTest;
import dev.dlqconsole.TestDatabase;
import dev.dlqconsole.TestQueues;
import dev.dlqconsole.sqs.DlqDiscovery;
import dev.dlqconsole.sqs.MessageAttribute;
import dev.dlqconsole.sqs.OutgoingMessage;
import dev.dlqconsole.sqs.SqsGateway;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.TestPropertySource;

/**
 * What a search term matches, the same on H2 (its own trigram index) and PostgreSQL (pg_trgm): a
 * substring of the whole body or of an attribute's {@code name=value}, in any case; at least three
 * characters; found however deep in a large body; paged and counted like any other filter.
 */
@TestPropertySource(properties = {"dlq-console.parking.enabled=false"})
@WithMockUser(username = "vera", roles = "VIEWER")
class SearchIT extends ConsoleIntegrationTest {

    @Autowired
    SqsGateway sqs;

    @Autowired
    DlqDiscovery discovery;

    @Autowired
    Parker parker;

    @Autowired
    ParkingService parking;

    @Autowired
    MessageSearch search;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_value_20_kb_deep_into_a_100_kb_body_is_found() {
        var queues = TestQueues.create(sqs, "deep", false);
        var needle = "ord-" + UUID.randomUUID().toString().substring(0, 8);
        var body = new StringBuilder("{\"items\":[");
        while (body.length() < 20_000) {
            body.append("{\"sku\":\"sku-").append(body.length()).append("\",\"qty\":1},");
        }
        body.append("{\"orderId\":\"").append(needle.toUpperCase()).append("\"},");
        while (body.length() < 100_000) {
            body.append("{\"sku\":\"sku-").append(body.length()).append("\",\"qty\":2},");
        }
        body.append("{}]}");
        sqs.send("embedded", queues.dlqUrl(), OutgoingMessage.of(body.toString(), Map.of()));
        sqs.send("embedded", queues.dlqUrl(), OutgoingMessage.of("{\"orderId\":\"someone-else\"}", Map.of()));
        park(queues);

        var found = awaitFound(needle, 1);

        assertThat(found).hasSize(1);
        assertThat(parking.details(found.getFirst().id()).bodyText()).contains(needle.toUpperCase());
    }

    @Test
    void a_term_matches_as_a_substring_in_any_case_of_the_body_or_an_attribute() {
        var queues = TestQueues.create(sqs, "substr", false);
        var tag = UUID.randomUUID().toString().substring(0, 6);
        sqs.send("embedded", queues.dlqUrl(), OutgoingMessage.of("{\"order\":\"ORD-" + tag + "77\"}", Map.of()));
        sqs.send(
                "embedded",
                queues.dlqUrl(),
                OutgoingMessage.of(
                        "{}", Map.of("error-message", MessageAttribute.string("Payment " + tag + " DECLINED"))));
        sqs.send("embedded", queues.dlqUrl(), OutgoingMessage.of("{\"order\":\"unrelated\"}", Map.of()));
        park(queues);

        assertThat(awaitFound("rd-" + tag + "7", 1)).hasSize(1);
        assertThat(awaitFound(tag + " declined", 1)).hasSize(1);
        assertThat(awaitFound("error-message=payment " + tag, 1)).hasSize(1);
        assertThat(awaitFound(tag, 2)).hasSize(2);
        assertThat(parking.page(filter(queues.dlqName(), "no-such-" + tag), null, 50))
                .isEmpty();
    }

    @Test
    void a_term_of_fewer_than_three_characters_is_refused_with_a_clear_error() {
        assertThatThrownBy(() -> filter(null, "ab"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Search for at least 3 characters");
    }

    @Test
    void a_search_pages_by_keyset_and_by_offset_and_counts_with_the_other_filters() {
        var queues = TestQueues.create(sqs, "pages", false);
        var tag = "pg" + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 70; i++) {
            var text = i % 2 == 0 ? "{\"note\":\"" + tag + "-" + i + "\"}" : "{\"note\":\"other-" + i + "\"}";
            sqs.send("embedded", queues.dlqUrl(), OutgoingMessage.of(text, Map.of()));
        }
        park(queues);
        var all = parking.matchingIds(filter(queues.dlqName(), null), 1_000);
        var expected = new ArrayList<Long>();
        for (var id : all) {
            if (parking.details(id).bodyText().contains(tag)) {
                expected.add(id);
            }
        }
        assertThat(expected).hasSize(35);
        var withText = filter(queues.dlqName(), tag).withStatus(ParkedStatus.PARKED);
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> parking.count(withText, 1_000) == 35);

        var first = parking.page(withText, null, 20);
        var second = parking.page(withText, first.getLast().id(), 20);
        var offset = parking.pageAt(withText, 20, 20);

        assertThat(first).extracting(MessageRow::id).containsExactlyElementsOf(expected.subList(0, 20));
        assertThat(second).extracting(MessageRow::id).containsExactlyElementsOf(expected.subList(20, 35));
        assertThat(offset).extracting(MessageRow::id).containsExactlyElementsOf(expected.subList(20, 35));
        assertThat(parking.count(withText, 10)).isEqualTo(10);
        assertThat(parking.count(withText.withStatus(ParkedStatus.DISCARDED), 1_000))
                .isZero();
    }

    @Test
    void on_postgresql_a_search_by_text_alone_walks_the_newest_rows_then_asks_the_trigram_index() {
        Assumptions.assumeTrue(TestDatabase.postgres(), "H2 searches in its own index");
        var queues = TestQueues.create(sqs, "walk", false);
        var tag = "wk" + UUID.randomUUID().toString().substring(0, 6);
        // Parked one at a time, so ids go up in this order: the tag in the two oldest and the newest.
        for (var body : List.of(tag + " a", tag + " b", "other c", "other d", "other e", tag + " f")) {
            sqs.send("embedded", queues.dlqUrl(), OutgoingMessage.of("{\"note\":\"" + body + "\"}", Map.of()));
            park(queues);
        }
        var ids = new ArrayList<Long>(jdbc.queryForList(
                "SELECT id FROM parked_message WHERE dlq_name = ? ORDER BY id DESC", Long.class, queues.dlqName()));
        assertThat(ids).hasSize(6);
        var tagged = List.of(ids.get(0), ids.get(4), ids.get(5));
        // The newest three rows hold one of the three: the walk alone answers a page of one; for more,
        // the walk goes on as far as the density asks (one in three: a few rows), or the index answers.
        var walkingThree = new TrigramSearch(jdbc, 3, 20_000);
        var thenTheIndex = new TrigramSearch(jdbc, 3, 0);

        for (var search : List.of(walkingThree, thenTheIndex)) {
            assertThat(search.newestMatching(tag, null, 1)).containsExactly(tagged.get(0));
            assertThat(search.newestMatching(tag, null, 10)).containsExactlyElementsOf(tagged);
            assertThat(search.newestMatching(tag, null, 2)).containsExactly(tagged.get(0), tagged.get(1));
            assertThat(search.newestMatching(tag, tagged.get(0), 10)).containsExactly(tagged.get(1), tagged.get(2));
            assertThat(search.newestMatching(tag, tagged.get(1), 1)).containsExactly(tagged.get(2));
        }
        assertThat(walkingThree.count(tag, 10)).isEqualTo(3);
        assertThat(walkingThree.count(tag, 2)).isEqualTo(2);
        assertThat(walkingThree.newestMatching("%" + tag.substring(2), null, 10))
                .as("% and _ in a term are themselves")
                .isEmpty();
        // The console's own page by text alone, and with a DLQ (the query's plan), agree.
        assertThat(parking.page(filter(null, tag), null, 50))
                .extracting(MessageRow::id)
                .containsExactlyElementsOf(tagged);
        assertThat(parking.page(filter(queues.dlqName(), tag), null, 50))
                .extracting(MessageRow::id)
                .containsExactlyElementsOf(tagged);
        assertThat(parking.count(filter(null, tag), 10)).isEqualTo(3);
    }

    @Test
    void the_h2_index_takes_in_what_a_crash_kept_from_it_and_lets_go_of_what_was_purged() {
        Assumptions.assumeFalse(TestDatabase.postgres(), "PostgreSQL searches in its own index");
        var index = (TrigramIndex) search;
        var queues = TestQueues.create(sqs, "crash", false);
        var tag = "cr" + UUID.randomUUID().toString().substring(0, 6);
        sqs.send("embedded", queues.dlqUrl(), OutgoingMessage.of("{\"lost\":\"" + tag + "\"}", Map.of()));
        park(queues);
        var id = awaitFound(tag, 1).getFirst().id();
        // As if the console died after the commit and before the index heard of the row.
        index.remove(List.of(id));
        assertThat(index.newestMatching(tag, null, 10)).isEmpty();

        index.reconcile();

        assertThat(index.newestMatching(tag, null, 10)).containsExactly(id);
        jdbc.update("DELETE FROM parked_message WHERE id = ?", id);
        index.reconcile();
        assertThat(index.newestMatching(tag, null, 10)).isEmpty();
    }

    private List<MessageRow> awaitFound(String term, int count) {
        var filter = filter(null, term);
        // On H2 the index may still be reconciling after start-up: the query searches meanwhile.
        await().pollInSameThread()
                .atMost(Duration.ofSeconds(10))
                .until(() -> parking.page(filter, null, 50).size() == count);
        return parking.page(filter, null, 50);
    }

    private static MessageFilter filter(String dlq, String text) {
        return new MessageFilter(dlq, null, null, null, null, null, text, null);
    }

    private void park(TestQueues queues) {
        var dlq = discovery.refresh("embedded").deadLetterQueues().stream()
                .filter(q -> q.name().equals(queues.dlqName()))
                .findFirst()
                .orElseThrow();
        parker.drain(dlq);
    }
}
