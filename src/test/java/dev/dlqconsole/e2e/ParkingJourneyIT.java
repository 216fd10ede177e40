package dev.dlqconsole.e2e;

import static com.codeborne.selenide.CollectionCondition.itemWithText;
import static com.codeborne.selenide.Condition.exactText;
import static com.codeborne.selenide.Condition.text;
import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static com.codeborne.selenide.Selenide.executeJavaScript;
import static com.codeborne.selenide.Selenide.webdriver;
import static com.codeborne.selenide.WebDriverConditions.urlContaining;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.codeborne.selenide.Selenide;
import dev.dlqconsole.sqs.MessageAttribute;
import dev.dlqconsole.sqs.OutgoingMessage;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Awkward dead letters, parked by the scheduled parker and shown in a real browser: HTML stays
 * text, a 1 MiB body loads in two steps, binary shows as hex, and a discard needs a reason.
 */
class ParkingJourneyIT extends BrowserJourney {

    static final String XSS = "<img src=x onerror=\"window.__pwned=1\"><img src=x onerror=alert(1)>";

    private String dlqName;
    private String xssId;
    private String bigId;
    private String binaryId;
    private String bigBody;

    @BeforeEach
    void parkAwkwardMessages() {
        dlqName = "journey-" + UUID.randomUUID().toString().substring(0, 6) + "-dlq";
        var dlqUrl = sqs.createQueue("embedded", dlqName, Map.of());
        var arn = sqs.describe("embedded", dlqUrl).arn();
        sqs.createQueue(
                "embedded",
                dlqName.replace("-dlq", ""),
                Map.of("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + arn + "\",\"maxReceiveCount\":\"3\"}"));
        var reason = Map.of(
                "error-type", MessageAttribute.string("JsonParseException"),
                "error-message", MessageAttribute.string("Unexpected character '<' at line 1 column 1 in msg 4711"));
        xssId = sqs.send("embedded", dlqUrl, OutgoingMessage.of(XSS, reason));
        bigBody = "{\"notes\":\"" + "x".repeat(1_048_000 - 13) + "\"}";
        bigId = sqs.send("embedded", dlqUrl, OutgoingMessage.of(bigBody, Map.of()));
        binaryId = sqs.send(
                "embedded",
                dlqUrl,
                OutgoingMessage.of(
                        "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
                        Map.of("content-type", MessageAttribute.string("application/octet-stream"))));
        awaitParked(dlqName, 3);
        LoginPage.open().logInAs("operator", PASSWORD);
        OverviewPage.shown();
    }

    @Test
    void html_in_a_body_is_shown_as_text_and_never_runs() {
        var messages = MessagesPage.open("dlq=" + dlqName);
        messages.cells().shouldHave(itemWithText(XSS));
        messages.count().shouldHave(text("3 messages"));
        Browser.screenshot("messages");

        var page = MessagePage.open(idOf(xssId));
        page.rawBody().shouldHave(exactText(XSS));
        page.failureReason().shouldHave(text("JsonParseException: Unexpected character"));
        assertThat((Boolean) executeJavaScript("return window.__pwned === undefined"))
                .isTrue();
        assertThat((Long) executeJavaScript("return document.querySelectorAll('img[src=x]').length"))
                .isZero();
        Browser.screenshot("message-html-body");
    }

    @Test
    void a_one_mebibyte_body_shows_its_start_then_all_of_it() {
        var page = MessagePage.open(idOf(bigId));
        page.jsonBody().shouldBe(visible);
        $("#body-tabs").shouldHave(text("Raw"));
        Browser.screenshot("message-large-body");

        $("#body-json-more").scrollIntoView("{block: \"center\"}").click();
        await().pollInSameThread()
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat((Long)
                                executeJavaScript("return document.querySelector('#body-json').textContent.length"))
                        .isGreaterThan(1_048_000L));
    }

    @Test
    void a_binary_body_is_shown_as_a_hex_dump() {
        var page = MessagePage.open(idOf(binaryId));
        page.hexBody().shouldHave(text("00000000  00 01 02 03 04 05 06 07"));
        $("#masking-binary").shouldHave(text("The body is binary: it cannot be masked field by field"));
        Browser.screenshot("message-binary-body");
    }

    @Test
    void failure_groups_lead_to_their_messages_and_a_discard_needs_a_reason() {
        Selenide.open("/groups");
        $("#groups-grid").shouldBe(visible);
        var groupCell = com.codeborne.selenide.Selenide.$$("#groups-grid vaadin-grid-cell-content")
                .findBy(text("JsonParseException: Unexpected character '<value>' at line <n> column <n> in msg <n>"));
        Browser.screenshot("failure-groups");
        groupCell.click();
        webdriver().shouldHave(urlContaining("group="));
        $("#group-chip").shouldHave(text("JsonParseException"));

        MessagePage.open(idOf(xssId));
        $("#discard-message").click();
        $("#discard-confirm").click();
        $("#discard-reason").shouldHave(com.codeborne.selenide.Condition.attribute("invalid"));
        $("#discard-reason textarea").setValue("Broken test payload from the load test");
        $("#discard-confirm").click();
        $("#message-status").shouldHave(exactText("Discarded"));
        $("#message-history").shouldHave(text("Broken test payload from the load test"), text("operator"));
    }

    @Test
    void an_operator_previews_a_replay_starts_it_and_watches_it_complete() {
        MessagePage.open(idOf(binaryId));
        $("#replay-message").click();
        $("#replay-will-send").shouldHave(text("1 of 1 selected messages will be sent"));
        $("#replay-preview").shouldHave(text("to " + dlqName.replace("-dlq", "")));
        $("#replay-reason textarea").setValue("consumer fixed in release 2.14.1");
        $("#replay-rate input").setValue("20");
        Browser.screenshot("replay-preview");
        $("#replay-start").scrollIntoView("{block: 'center'}").click();

        $("#replay-job-view").shouldBe(visible);
        $("#job-summary").shouldHave(text("consumer fixed in release 2.14.1"));
        $("#job-status").shouldHave(exactText("Completed"), java.time.Duration.ofSeconds(60));
        $("#job-summary").shouldHave(text("1 sent"));
        com.codeborne.selenide.Selenide.open("/replays");
        com.codeborne.selenide.Selenide.$$("#replays-grid vaadin-grid-cell-content")
                .findBy(text("consumer fixed in release 2.14.1"))
                .shouldBe(visible);
        Browser.screenshot("replay-jobs");
        MessagePage.open(idOf(binaryId));
        $("#message-status").shouldHave(exactText("Replayed"));
    }

    private long idOf(String sqsMessageId) {
        return jdbc.queryForObject("select id from parked_message where sqs_message_id = ?", Long.class, sqsMessageId);
    }
}
