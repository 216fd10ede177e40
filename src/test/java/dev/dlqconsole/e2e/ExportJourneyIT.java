package dev.dlqconsole.e2e;

import static com.codeborne.selenide.Condition.exist;
import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dlqconsole.TestQueues;
import dev.dlqconsole.security.SensitiveValues;
import dev.dlqconsole.sqs.MessageAttribute;
import dev.dlqconsole.sqs.OutgoingMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An operator exports the filtered Messages view as CSV and JSON Lines from "Export…", the files masked
 * as the grid shows them; a viewer has no such menu.
 */
class ExportJourneyIT extends BrowserJourney {

    @Test
    void an_operator_downloads_the_filtered_messages_and_a_viewer_cannot() throws Exception {
        var queues = TestQueues.create(sqs, "export-journey", false);
        var sqsId = sqs.send(
                "embedded",
                queues.dlqUrl(),
                OutgoingMessage.of(
                        "{\"order\":\"ord-77\",\"password\":\"hunter2\"}",
                        Map.of("error-message", MessageAttribute.string("=SUM(A1:A9) overflow"))));
        var id = awaitParkedMessage(sqsId);

        LoginPage.open().logInAs("operator", PASSWORD);
        OverviewPage.shown();
        MessagesPage.open("dlq=" + queues.dlqName());
        $("#export-messages").shouldBe(visible).click();
        $("#export-messages-csv").shouldBe(visible);
        Browser.screenshot("messages-export");

        var csv = Files.readString($("#export-messages-csv").download().toPath(), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("Id,Parked,Connection,DLQ,Source,Failure reason,Receives,Trace,Status,Body\r\n");
        assertThat(csv).contains(id + ",", "\"'=SUM(A1:A9) overflow\"", SensitiveValues.MARKER);
        assertThat(csv).doesNotContain("hunter2");
        // The menu stays open after a download: close it as a person would, then open it again.
        com.codeborne.selenide.Selenide.actions()
                .sendKeys(org.openqa.selenium.Keys.ESCAPE)
                .perform();
        $("#export-messages-csv").shouldNotBe(visible);
        $("#export-messages").click();
        $("#export-messages-jsonl").shouldBe(visible);
        var jsonl = Files.readString($("#export-messages-jsonl").download().toPath(), StandardCharsets.UTF_8);
        assertThat(jsonl.lines()).hasSize(1);
        assertThat(jsonl).contains("\"id\":" + id, "ord-77").doesNotContain("hunter2");

        LoginPage.logOut();
        LoginPage.open().logInAs("viewer", PASSWORD);
        OverviewPage.shown();
        MessagesPage.open("dlq=" + queues.dlqName());
        $("#messages-view").shouldBe(visible);
        $("#export-messages").shouldNot(exist);
    }
}
