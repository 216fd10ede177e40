package dev.dlqconsole.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dlqconsole.ConsoleIntegrationTest;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(
        properties = {
            // A second connection that nobody answers: discovery must report it and go on with the rest.
            "dlq-console.sqs.connections[0].name=unreachable",
            "dlq-console.sqs.connections[0].endpoint=http://127.0.0.1:9",
            "dlq-console.sqs.connections[0].access-key-id=x",
            "dlq-console.sqs.connections[0].secret-access-key=x",
            "dlq-console.sqs.call-timeout=1s",
        })
class DlqDiscoveryIT extends ConsoleIntegrationTest {

    private static final String CONNECTION = "embedded";

    @Autowired
    SqsGateway sqs;

    @Autowired
    DlqDiscovery discovery;

    private final String prefix = "t" + UUID.randomUUID().toString().substring(0, 6) + "-";

    @Autowired
    DiscoverySnapshots snapshots;

    @Test
    void what_one_instance_discovered_reads_back_the_same_on_another() {
        var dlqArn = createQueue("snap-dlq.fifo", Map.of("FifoQueue", "true", "MessageRetentionPeriod", "1209600"));
        var source = new java.util.HashMap<>(redrive(dlqArn, 4, "60"));
        source.put("FifoQueue", "true");
        createQueue("snap.fifo", source);

        var found = discovery.refresh(CONNECTION);

        assertThat(found.deadLetterQueues())
                .anySatisfy(q -> assertThat(q.name()).isEqualTo(prefix + "snap-dlq.fifo"));
        assertThat(snapshots.load(CONNECTION)).contains(found);
        // An unreachable connection's inventory: an error, no DLQs, a null retention nowhere to trip over.
        var failed = new ConnectionInventory(
                "elsewhere",
                java.time.Instant.parse("2026-11-29T01:02:03.456Z"),
                java.util.List.of(new DeadLetterQueue(
                        "elsewhere", "x-dlq", "http://x/x-dlq", "arn:x", java.util.List.of(), 3, 0, null)),
                "Access denied: \"sqs:ListQueues\" <script>");
        snapshots.save(failed);
        assertThat(snapshots.load("elsewhere")).contains(failed);
    }

    @Test
    void finds_dlqs_and_their_sources_from_redrive_policies() {
        var dlqArn = createQueue("orders-dlq", Map.of("MessageRetentionPeriod", "1209600"));
        createQueue("orders", redrive(dlqArn, 3, "345600"));
        var sharedArn = createQueue("shipping-dlq", Map.of());
        createQueue("shipping-eu", redrive(sharedArn, 5, "345600"));
        createQueue("shipping-us", redrive(sharedArn, 5, "345600"));
        createQueue("plain", Map.of());

        var dlqs = discovery.refresh(CONNECTION).deadLetterQueues().stream()
                .filter(q -> q.name().startsWith(prefix))
                .toList();

        assertThat(dlqs)
                .extracting(DeadLetterQueue::name)
                .containsExactly(prefix + "orders-dlq", prefix + "shipping-dlq");
        var orders = dlqs.getFirst();
        assertThat(orders.sources()).singleElement().satisfies(source -> {
            assertThat(source.name()).isEqualTo(prefix + "orders");
            assertThat(source.maxReceiveCount()).isEqualTo(3);
        });
        assertThat(orders.fifo()).isFalse();
        assertThat(dlqs.get(1).sources())
                .extracting(DeadLetterQueue.SourceQueue::name)
                .containsExactly(prefix + "shipping-eu", prefix + "shipping-us");
    }

    @Test
    void recognises_a_fifo_dlq_and_reports_its_depth() {
        var dlqArn = createQueue("payments-dlq.fifo", Map.of("FifoQueue", "true"));
        var attributes = new HashMap<>(redrive(dlqArn, 3, "345600"));
        attributes.put("FifoQueue", "true");
        createQueue("payments.fifo", attributes);
        var dlqUrl = sqs.createQueue(CONNECTION, prefix + "payments-dlq.fifo", Map.of("FifoQueue", "true"));
        sqs.send(CONNECTION, dlqUrl, new OutgoingMessage("0", "{}", Map.of(), "group-1", "dedup-1"));

        var dlq = discovery.refresh(CONNECTION).deadLetterQueues().stream()
                .filter(q -> q.name().equals(prefix + "payments-dlq.fifo"))
                .findFirst()
                .orElseThrow();

        assertThat(dlq.fifo()).isTrue();
        assertThat(dlq.visible()).isEqualTo(1);
        assertThat(dlq.sources())
                .extracting(DeadLetterQueue.SourceQueue::name)
                .containsExactly(prefix + "payments.fifo");
    }

    @Test
    void an_unreachable_connection_is_reported_and_the_others_still_work() {
        var dlqArn = createQueue("reachable-dlq", Map.of());
        createQueue("reachable", redrive(dlqArn, 3, "345600"));

        var inventories = discovery.inventories();

        assertThat(inventories).extracting(ConnectionInventory::connection).containsExactly("embedded", "unreachable");
        var unreachable = inventories.get(1);
        assertThat(unreachable.reachable()).isFalse();
        assertThat(unreachable.error()).isNotBlank().doesNotContain("\n\tat ");
        assertThat(discovery.refresh(CONNECTION).deadLetterQueues())
                .extracting(DeadLetterQueue::name)
                .contains(prefix + "reachable-dlq");
    }

    private String createQueue(String name, Map<String, String> attributes) {
        var url = sqs.createQueue(CONNECTION, prefix + name, attributes);
        return sqs.describe(CONNECTION, url).arn();
    }

    private static Map<String, String> redrive(String dlqArn, int maxReceiveCount, String retentionSeconds) {
        return Map.of(
                "RedrivePolicy",
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}",
                "MessageRetentionPeriod",
                retentionSeconds);
    }
}
