package dev.dlqconsole.e2e;

import static org.awaitility.Awaitility.await;

import com.codeborne.selenide.Selenide;
import dev.dlqconsole.ConsoleIntegrationTest;
import dev.dlqconsole.TestQueues;
import dev.dlqconsole.sqs.DlqDiscovery;
import dev.dlqconsole.sqs.MessageAttribute;
import dev.dlqconsole.sqs.OutgoingMessage;
import dev.dlqconsole.sqs.SqsGateway;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The base of browser journeys: the console on a random port, a fresh headless Chromium per test, and
 * ways to put messages into a DLQ and wait until the parker has them.
 */
abstract class BrowserJourney extends ConsoleIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    SqsGateway sqs;

    @Autowired
    DlqDiscovery discovery;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void browser() {
        Browser.configure(port);
    }

    @AfterEach
    void closeBrowser() {
        Selenide.closeWebDriver();
    }

    /** A fresh source queue and DLQ holding {@code count} parked JSON orders that failed for {@code reason}. */
    TestQueues dlqWithFailures(String prefix, int count, String reason) {
        var queues = TestQueues.create(sqs, prefix, false);
        for (int i = 0; i < count; i++) {
            sqs.send(
                    "embedded",
                    queues.dlqUrl(),
                    OutgoingMessage.of(
                            "{\"order\":" + i + "}", Map.of("error-message", MessageAttribute.string(reason))));
        }
        awaitParked(queues.dlqName(), count);
        return queues;
    }

    /** Waits until the parker holds {@code count} messages of the DLQ (discovered first). */
    void awaitParked(String dlqName, int count) {
        discovery.refresh("embedded");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from parked_message where dlq_name = ?", Integer.class, dlqName)
                        == count);
    }

    /** Waits until the message SQS knows by this id is parked, and returns its parked id. */
    long awaitParkedMessage(String sqsMessageId) {
        discovery.refresh("embedded");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from parked_message where sqs_message_id = ?",
                                Integer.class,
                                sqsMessageId)
                        == 1);
        return jdbc.queryForObject("select id from parked_message where sqs_message_id = ?", Long.class, sqsMessageId);
    }
}
