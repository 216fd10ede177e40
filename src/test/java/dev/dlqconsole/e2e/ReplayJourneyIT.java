package dev.dlqconsole.e2e;

import static com.codeborne.selenide.Condition.enabled;
import static com.codeborne.selenide.Condition.text;
import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static org.assertj.core.api.Assertions.assertThat;
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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An operator replays every message of a DLQ from the Messages view: the dry run, the reason, then the
 * job page, whose progress the server pushes until the job completes and the messages are back.
 */
class ReplayJourneyIT extends ConsoleIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    SqsGateway sqs;

    @Autowired
    DlqDiscovery discovery;

    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void close() {
        Selenide.closeWebDriver();
    }

    @Test
    void an_operator_replays_a_dlq_and_watches_the_job_complete() {
        var queues = TestQueues.create(sqs, "journey", false);
        for (int i = 0; i < 25; i++) {
            sqs.send(
                    "embedded",
                    queues.dlqUrl(),
                    OutgoingMessage.of(
                            "{\"order\":" + i + "}",
                            Map.of("error-message", MessageAttribute.string("inventory-service returned 503"))));
        }
        discovery.refresh("embedded");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from parked_message where dlq_name = ?",
                                Integer.class,
                                queues.dlqName())
                        == 25);

        Browser.configure(port);
        LoginPage.open().logInAs("operator", PASSWORD);
        OverviewPage.shown();
        MessagesPage.open("dlq=" + queues.dlqName()).count().shouldHave(text("25 messages"));
        $("#replay-matching").shouldBe(enabled).click();

        $("#replay-will-send").shouldHave(text("25 of 25 selected messages will be sent"));
        $("#replay-preview").shouldHave(text("25 to " + queues.sourceName()));
        $("#replay-reason textarea").setValue("inventory-service recovered at 14:05");
        $("#replay-rate input").setValue("20");
        Browser.screenshot("replay-dialog-preview");
        $("#replay-start").click();

        $("#replay-job-view").shouldBe(visible);
        $("#job-summary").shouldHave(text("inventory-service recovered at 14:05"), text("operator"));
        $("#job-status").shouldHave(text("Running"));
        Browser.screenshot("replay-job-running");
        // No reload: the page follows the job through pushes from the server.
        $("#job-status").shouldHave(text("Completed"), Duration.ofSeconds(60));
        $("#job-summary").shouldHave(text("25 sent"));
        $("#ledger-grid").shouldHave(text("sent"), text(queues.sourceName()));
        Browser.screenshot("replay-job-completed");

        assertThat(jdbc.queryForObject(
                        "select count(*) from parked_message where dlq_name = ? and status = 'REPLAYED'",
                        Integer.class,
                        queues.dlqName()))
                .isEqualTo(25);
    }
}
