package dev.dlqconsole.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import dev.dlqconsole.ConsoleIntegrationTest;
import dev.dlqconsole.TestQueues;
import dev.dlqconsole.parking.MessageFilter;
import dev.dlqconsole.parking.ParkingService;
import dev.dlqconsole.sqs.DlqDiscovery;
import dev.dlqconsole.sqs.OutgoingMessage;
import dev.dlqconsole.sqs.SqsGateway;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.TestPropertySource;

/**
 * The replay preview reads what it counts (ids, hashes, status, targets), never the bodies: it runs on
 * every change in the replay dialog, over up to 100,000 messages of up to 1 MiB each.
 */
@TestPropertySource(properties = {"dlq-console.parking.enabled=false", "dlq-console.replay.poll=1h"})
@WithMockUser(username = "olivia", roles = "OPERATOR")
class ReplayPreviewIT extends ConsoleIntegrationTest {

    private static final int MESSAGES = 100;
    private static final int BODY = 200 * 1024;

    @Autowired
    SqsGateway sqs;

    @Autowired
    DlqDiscovery discovery;

    @Autowired
    ParkingService parking;

    @Autowired
    ReplayService replays;

    @Test
    void a_preview_of_large_messages_allocates_a_small_fraction_of_their_bodies() {
        var queues = TestQueues.create(sqs, "large", false);
        for (int i = 0; i < MESSAGES; i++) {
            var body = new StringBuilder("{\"n\":").append(i).append(",\"blob\":\"");
            while (body.length() < BODY) {
                body.append("abcdefghij");
            }
            sqs.send(
                    "embedded",
                    queues.dlqUrl(),
                    OutgoingMessage.of(body.append("\"}").toString(), Map.of()));
        }
        discovery.refresh("embedded");
        parking.parkNow("embedded", queues.dlqName());
        var filter = new MessageFilter(queues.dlqName(), null, null, null, null, null, null, null);
        var request = new ReplayRequest(List.of(), filter, "preview only", null, 50, false, null);
        replays.preview(request); // warm up: classes, statements

        var threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        var preview = replays.preview(request);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(preview.willSend()).isEqualTo(MESSAGES);
        assertThat(allocated)
                .as("bytes allocated by a preview of %,d bodies of %,d bytes", MESSAGES, BODY)
                .isLessThan((long) MESSAGES * BODY / 10);
    }
}
