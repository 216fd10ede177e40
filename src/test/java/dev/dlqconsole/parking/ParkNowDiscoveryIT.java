package dev.dlqconsole.parking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dlqconsole.ConsoleIntegrationTest;
import dev.dlqconsole.TestQueues;
import dev.dlqconsole.sqs.DlqDiscovery;
import dev.dlqconsole.sqs.OutgoingMessage;
import dev.dlqconsole.sqs.SqsGateway;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.TestPropertySource;

/**
 * "Park now" on a DLQ that was created after the last discovery: someone creates a DLQ and clicks at
 * once, well within the discovery interval (an hour here, so no scheduled refresh can help).
 */
@TestPropertySource(properties = {"dlq-console.sqs.discovery-interval=1h", "dlq-console.parking.enabled=false"})
@WithMockUser(username = "olivia", roles = "OPERATOR")
class ParkNowDiscoveryIT extends ConsoleIntegrationTest {

    @Autowired
    ParkingService parking;

    @Autowired
    DlqDiscovery discovery;

    @Autowired
    SqsGateway sqs;

    @Test
    void park_now_finds_a_dlq_created_since_the_last_discovery() {
        discovery.refresh("embedded");
        var queues = TestQueues.create(sqs, "late", false);
        sqs.send("embedded", queues.dlqUrl(), OutgoingMessage.of("{\"order\":1}", Map.of()));

        var result = parking.parkNow("embedded", queues.dlqName());

        assertThat(result.parked()).isEqualTo(1);
        assertThat(discovery.find("embedded", queues.dlqName())).isPresent();
    }

    @Test
    void park_now_on_a_queue_that_is_no_dlq_still_says_so() {
        var queues = TestQueues.create(sqs, "plain", false);

        assertThatThrownBy(() -> parking.parkNow("embedded", queues.sourceName()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No DLQ named " + queues.sourceName() + " on embedded");
    }
}
