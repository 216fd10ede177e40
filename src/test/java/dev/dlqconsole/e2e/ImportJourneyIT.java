package dev.dlqconsole.e2e;

import static com.codeborne.selenide.Condition.exist;
import static com.codeborne.selenide.Condition.text;
import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selectors.shadowCss;
import static com.codeborne.selenide.Selenide.$;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dlqconsole.TestQueues;
import dev.dlqconsole.sqs.MessageAttribute;
import dev.dlqconsole.sqs.OutgoingMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An admin downloads a DLQ's messages as JSON Lines, imports the file into another DLQ from
 * "Import…", is told what came in and which line was refused, and finds the imported message marked
 * as such on its page; an operator has no import.
 */
class ImportJourneyIT extends BrowserJourney {

    @Test
    void an_admin_imports_an_export_into_another_dlq_and_an_operator_cannot() throws Exception {
        var from = TestQueues.create(sqs, "import-journey-from", false);
        var into = TestQueues.create(sqs, "import-journey-into", false);
        var sqsId = sqs.send(
                "embedded",
                from.dlqUrl(),
                OutgoingMessage.of(
                        "{\"order\":\"ord-4711\",\"note\":\"<img src=x onerror=alert(1)>\"}",
                        Map.of("error-message", MessageAttribute.string("Journey import failure"))));
        awaitParkedMessage(sqsId);
        discovery.refresh("embedded");

        LoginPage.open().logInAs("admin", PASSWORD);
        OverviewPage.shown();
        MessagesPage.open("dlq=" + from.dlqName());
        $("#export-messages").shouldBe(visible).click();
        var exported = Files.readString(
                $("#export-messages-jsonl").shouldBe(visible).download().toPath(), StandardCharsets.UTF_8);
        com.codeborne.selenide.Selenide.actions()
                .sendKeys(org.openqa.selenium.Keys.ESCAPE)
                .perform();
        var file = Files.createTempFile("dlq-import-", ".jsonl");
        Files.writeString(file, exported + "not a message\n", StandardCharsets.UTF_8);

        $("#export-messages").click();
        $("#export-messages-import").shouldBe(visible).click();
        $("#import-dialog").shouldBe(visible);
        $("#import-target input").setValue(into.dlqName());
        com.codeborne.selenide.Selenide.$$("vaadin-combo-box-item")
                .findBy(text(into.dlqName()))
                .shouldBe(visible)
                .click();
        $("#import-target input").shouldHave(com.codeborne.selenide.Condition.value(into.dlqName()));
        $(shadowCss("input[type=file]", "#import-upload")).uploadFile(file.toFile());
        $("#import-summary").shouldHave(text("1 imported, 0 already here, 1 refused of 2 lines"));
        $("#import-report").shouldHave(text("line 2: not JSON"));
        Browser.screenshot("messages-import");
        $("#import-close").click();

        MessagesPage.open("dlq=" + into.dlqName());
        $("#messages-view").shouldHave(text("ord-4711"));
        var id = jdbc.queryForObject("SELECT id FROM parked_message WHERE dlq_name = ?", Long.class, into.dlqName());
        MessagePage.open(id);
        $("#message-imported").shouldBe(visible);
        $("#message-history").shouldHave(text("Imported"), text("dlq-import-"), text(from.dlqName()));
        Browser.screenshot("message-imported");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM audit_event WHERE action = 'message.import' AND actor = 'admin'"
                                + " AND targets = ?",
                        Integer.class,
                        "embedded/" + into.dlqName()))
                .isEqualTo(1);

        LoginPage.logOut();
        LoginPage.open().logInAs("operator", PASSWORD);
        OverviewPage.shown();
        MessagesPage.open("dlq=" + into.dlqName());
        $("#messages-view").shouldBe(visible);
        $("#export-messages").shouldBe(visible).click();
        $("#export-messages-csv").shouldBe(visible);
        $("#export-messages-import").shouldNot(exist);
    }
}
