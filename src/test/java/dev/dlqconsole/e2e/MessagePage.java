package dev.dlqconsole.e2e;

import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;

import com.codeborne.selenide.SelenideElement;

/** One message's page. */
final class MessagePage {

    static MessagePage open(long id) {
        com.codeborne.selenide.Selenide.open("/message/" + id);
        $("#message-view").shouldBe(visible);
        return new MessagePage();
    }

    SelenideElement rawBody() {
        return $("#body-raw");
    }

    SelenideElement jsonBody() {
        return $("#body-json");
    }

    SelenideElement hexBody() {
        return $("#body-hex");
    }

    SelenideElement failureReason() {
        return $("#failure-reason");
    }

    SelenideElement attributes() {
        return $("#attributes-grid");
    }

    /** What is masked, or that an admin has unmasked the message. */
    SelenideElement maskingSummary() {
        return $("#masking-summary");
    }

    SelenideElement unmask() {
        return $("#unmask-message");
    }

    SelenideElement maskAgain() {
        return $("#mask-message");
    }
}
