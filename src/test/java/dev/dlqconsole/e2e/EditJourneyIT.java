package dev.dlqconsole.e2e;

import static com.codeborne.selenide.Condition.attribute;
import static com.codeborne.selenide.Condition.exist;
import static com.codeborne.selenide.Condition.text;
import static com.codeborne.selenide.Condition.value;
import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static org.assertj.core.api.Assertions.assertThat;

import com.codeborne.selenide.Selenide;
import dev.dlqconsole.TestQueues;
import dev.dlqconsole.security.SensitiveValues;
import dev.dlqconsole.sqs.MessageAttribute;
import dev.dlqconsole.sqs.OutgoingMessage;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Edit and retry in the browser: an operator sees no Edit button (ADMIN edits by default); an admin
 * opens the editor (the password masked), is told that a broken edit is no longer JSON, reviews the
 * diff of a good one, saves it, and sees the version in the history with the diff of the original.
 */
class EditJourneyIT extends BrowserJourney {

    private static final String M = SensitiveValues.MARKER;
    private static final String BODY =
            "{\"orderId\":\"ord-4711\",\"customer\":{\"name\":\"Ada\",\"password\":\"hunter2\"},\"amount\":42.5}";

    @Test
    void an_admin_edits_a_message_reviews_the_diff_saves_it_and_sees_its_history() {
        var queues = TestQueues.create(sqs, "editjourney", false);
        var id = awaitParkedMessage(sqs.send(
                "embedded",
                queues.dlqUrl(),
                OutgoingMessage.of(
                        BODY, Map.of("error-message", MessageAttribute.string("Unknown field customer_name")))));

        LoginPage.open().logInAs("operator", PASSWORD);
        OverviewPage.shown();
        MessagePage.open(id);
        $("#replay-message").shouldBe(visible);
        $("#edit-message").shouldNot(exist);
        Selenide.closeWebDriver();

        LoginPage.open().logInAs("admin", PASSWORD);
        OverviewPage.shown();
        MessagePage.open(id);
        $("#edit-message").click();
        $("#edit-dialog").shouldBe(visible);
        var body = $("#edit-body textarea");
        body.shouldHave(value("\"password\" : \"" + M + "\""));
        assertThat(body.getValue()).doesNotContain("hunter2");
        $("#edit-masked-notice").shouldHave(text("1 masked value shows as " + M));
        $("#edit-save").shouldHave(attribute("disabled"));
        Browser.screenshot("edit-open");

        var original = body.getValue();
        body.setValue(original.substring(0, original.lastIndexOf('}')));
        $("#edit-review-changes").click();
        $("#edit-error").shouldHave(text("The body is no longer well-formed JSON"));
        $("#edit-save").shouldHave(attribute("disabled"));
        Browser.screenshot("edit-invalid");

        body.setValue(original.replace("\"ord-4711\"", "\"ord-4712\"").replace("\"Ada\"", "\"Ada L.\""));
        $("#edit-reason input").setValue("the order id was mistyped upstream");
        $("#edit-review-changes").click();
        $("#edit-review .diff-changed").shouldHave(text("ord-4711"), text("ord-4712"));
        $("#edit-review").shouldNotHave(text("hunter2"));
        $("#edit-save").shouldNotHave(attribute("disabled"));
        Browser.screenshot("edit-diff");
        $("#edit-save").click();

        $("#message-edited").shouldHave(text("a replay sends version 1"));
        $("#message-versions").scrollIntoView("{block: 'center'}");
        $("#message-versions")
                .shouldHave(text("Version 1"), text("by admin"), text("the order id was mistyped upstream"));
        $("#versions-diff").shouldHave(text("Original (as parked)"), text("ord-4711"), text("ord-4712"));
        $("#versions-diff").shouldNotHave(text("hunter2"));
        $("#message-history").shouldHave(text("Edited: version 1"));
        Browser.screenshot("edit-history");

        var stored =
                jdbc.queryForObject("select body from message_version where parked_message_id = ?", byte[].class, id);
        assertThat(new String(stored, StandardCharsets.UTF_8)).contains("ord-4712", "hunter2");
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_event where action = 'message.edit' and actor = 'admin'"
                                + " and targets = ?",
                        Integer.class,
                        "message " + id))
                .isEqualTo(1);

        MessagesPage.open("dlq=" + queues.dlqName());
        $("#bulk-edit").click();
        $("#bulk-find input").setValue("\"Ada L.\"");
        $("#bulk-replace input").setValue("\"Ada Lovelace\"");
        $("#bulk-preview-button").click();
        $("#bulk-counts").shouldHave(text("1 of 1 selected messages would get a new version"));
        $("#bulk-preview .diff-changed").shouldHave(text("Ada Lovelace"));
        Browser.screenshot("edit-bulk-preview");
        $("#bulk-reason input").setValue("full names, as billing wants them");
        $("#bulk-apply").click();
        $("#bulk-done").shouldHave(text("Saved 1 new version"));
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_event where action = 'message.bulk-edit' and actor = 'admin'"
                                + " and detail like '%1 new versions of 1 selected%'",
                        Integer.class))
                .isEqualTo(1);
    }
}
