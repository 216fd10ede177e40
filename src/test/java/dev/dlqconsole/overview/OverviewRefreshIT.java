package dev.dlqconsole.overview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dlqconsole.ConsoleIntegrationTest;
import dev.dlqconsole.TestQueues;
import dev.dlqconsole.sqs.ConnectionInventory;
import dev.dlqconsole.sqs.DeadLetterQueue;
import dev.dlqconsole.sqs.SqsGateway;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.TestPropertySource;

/**
 * The Overview's Refresh asks SQS for every queue of every connection: an operator's action, and one
 * that takes the discovery lease like the schedule does, so a cluster still lists queues once per
 * interval however often people click.
 */
@TestPropertySource(
        properties = {
            "dlq-console.parking.enabled=false",
            // No scheduled refresh during the test: only the ones it asks for.
            "dlq-console.sqs.discovery-interval=1h",
        })
class OverviewRefreshIT extends ConsoleIntegrationTest {

    static final String LEASE = "discovery embedded";

    @Autowired
    OverviewService overview;

    @Autowired
    SqsGateway sqs;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    @WithMockUser(username = "vera", roles = "VIEWER")
    void a_viewer_cannot_make_the_console_list_every_queue_again() {
        assertThatThrownBy(() -> overview.refresh()).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    @WithMockUser(username = "olivia", roles = "OPERATOR")
    void a_refresh_while_another_instance_holds_the_discovery_lease_answers_what_it_found() {
        overview.inventories(); // the first listing, shared through the database
        jdbc.update("DELETE FROM lease WHERE name = ?", LEASE);
        jdbc.update(
                "INSERT INTO lease (name, holder, generation, acquired_at, expires_at) VALUES (?, 'other-instance #1',"
                        + " 7, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP + INTERVAL '1' HOUR)",
                LEASE);
        var created = TestQueues.create(sqs, "overview-lease", false);

        assertThat(dlqs(overview.refresh()))
                .as("the other instance holds the lease: no listing here")
                .doesNotContain(created.dlqName());

        jdbc.update("DELETE FROM lease WHERE name = ?", LEASE);
        assertThat(dlqs(overview.refresh())).contains(created.dlqName());
        assertThat(jdbc.queryForObject("SELECT holder FROM lease WHERE name = ?", String.class, LEASE))
                .as("the refresh took the lease for its interval")
                .doesNotStartWith("other-instance");
    }

    private static List<String> dlqs(List<ConnectionInventory> inventories) {
        return inventories.stream()
                .flatMap(i -> i.deadLetterQueues().stream())
                .map(DeadLetterQueue::name)
                .toList();
    }
}
