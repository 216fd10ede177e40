package dev.dlqconsole.e2e;

import static com.codeborne.selenide.CollectionCondition.itemWithText;
import static com.codeborne.selenide.Condition.exactText;
import static com.codeborne.selenide.Condition.exist;
import static com.codeborne.selenide.Condition.text;
import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dlqconsole.TestQueues;
import dev.dlqconsole.security.SensitiveValues;
import dev.dlqconsole.sqs.MessageAttribute;
import dev.dlqconsole.sqs.OutgoingMessage;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A message with a password, a card number and a bearer token, as people see it: masked in the grid
 * and on its page for an operator, who is told so; an admin unmasks it, and that is audited.
 */
class MaskingJourneyIT extends BrowserJourney {

    private static final String M = SensitiveValues.MARKER;
    private static final String BODY = "{\"orderId\":\"ord-4711\",\"customer\":{\"email\":\"ada@example.com\","
            + "\"password\":\"hunter2\"},\"payment\":{\"cardNumber\":\"4111111111111111\",\"cvv\":\"737\","
            + "\"amount\":42.5}}";

    private TestQueues queues;
    private long id;

    @BeforeEach
    void parkASensitiveMessage() {
        queues = TestQueues.create(sqs, "masking", false);
        var sqsId = sqs.send(
                "embedded",
                queues.dlqUrl(),
                OutgoingMessage.of(
                        BODY,
                        Map.of(
                                "Authorization", MessageAttribute.string("Bearer eyJhbGciOiJIUzI1NiJ9.c2VjcmV0"),
                                "error-message", MessageAttribute.string("Card declined by issuer"),
                                "content-type", MessageAttribute.string("application/json"))));
        id = awaitParkedMessage(sqsId);
    }

    @Test
    void an_operator_sees_sensitive_values_masked_and_an_admin_unmasks_one_message() {
        LoginPage.open().logInAs("operator", PASSWORD);
        OverviewPage.shown();

        var messages = MessagesPage.open("dlq=" + queues.dlqName());
        messages.cells()
                .shouldHave(itemWithText("{\"orderId\":\"ord-4711\",\"customer\":{\"email\":\"ada@example.com\","
                        + "\"password\":\"" + M + "\"},\"payment\":{\"cardNumber\":\"" + M + "\",\"cvv\":\"" + M
                        + "\",\"amount\":42.5}}"));
        Browser.screenshot("masking-messages");

        var page = MessagePage.open(id);
        page.maskingSummary().shouldHave(text("4 sensitive values masked (3 in the body, attribute Authorization)"));
        page.jsonBody().shouldHave(text("\"cardNumber\" : \"" + M + "\""), text("\"amount\" : 42.5"));
        page.attributes().shouldHave(text("Authorization"), text(M), text("Card declined by issuer"));
        assertThat(page.jsonBody().getText()).doesNotContain("hunter2", "4111", "737");
        page.unmask().shouldNot(exist);
        Browser.screenshot("message-masked");
        $("#body-tabs").scrollIntoView(true);
        Browser.screenshot("message-masked-body");

        LoginPage.logOut();
        LoginPage.open().logInAs("admin", PASSWORD);
        OverviewPage.shown();
        page = MessagePage.open(id);
        page.maskingSummary().shouldHave(text("4 sensitive values masked"));
        assertThat(page.jsonBody().getText()).doesNotContain("hunter2");
        Browser.screenshot("message-masked-admin");

        page.unmask().click();

        page.maskingSummary().shouldHave(text("Unmasked: 4 sensitive values shown as they were parked"));
        page.jsonBody().shouldHave(text("\"password\" : \"hunter2\""), text("\"cardNumber\" : \"4111111111111111\""));
        page.attributes().shouldHave(text("Bearer eyJhbGciOiJIUzI1NiJ9.c2VjcmV0"));
        assertThat(jdbc.queryForList(
                        "SELECT actor FROM audit_event WHERE action = 'message.unmask' AND targets = ?",
                        String.class,
                        "message " + id))
                .containsExactly("admin");
        Browser.screenshot("message-unmasked");
        $("#body-tabs").scrollIntoView(true);
        Browser.screenshot("message-unmasked-body");

        page.maskAgain().scrollIntoView("{block: \"center\"}").click();
        page.maskingSummary().shouldHave(text("4 sensitive values masked"));
        page.jsonBody().shouldNotHave(text("hunter2"));
        $("#message-status").shouldHave(exactText("Parked")).shouldBe(visible);
    }
}
