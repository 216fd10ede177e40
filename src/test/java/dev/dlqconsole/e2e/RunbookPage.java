package dev.dlqconsole.e2e;

import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static com.codeborne.selenide.Selenide.$$;

import com.codeborne.selenide.ElementsCollection;
import com.codeborne.selenide.SelenideElement;

/** One runbook's page: title, summary, numbered steps, and the start-incident button for operators. */
final class RunbookPage {

    static RunbookPage shown() {
        $("#runbook-view").shouldBe(visible);
        return new RunbookPage();
    }

    static RunbookPage open(String id) {
        com.codeborne.selenide.Selenide.open("/runbooks/" + id);
        return shown();
    }

    SelenideElement title() {
        return $("#runbook-title");
    }

    SelenideElement step(int number) {
        return $("#step-" + number);
    }

    ElementsCollection steps() {
        return $$("#runbook-steps .runbook-step");
    }

    SelenideElement startIncident() {
        return $("#start-incident");
    }

    SelenideElement view() {
        return $("#runbook-view");
    }
}
