package dev.dlqconsole.e2e;

import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static com.codeborne.selenide.Selenide.$$;

import com.codeborne.selenide.ElementsCollection;
import com.codeborne.selenide.SelenideElement;

/** The Runbooks view: a card per runbook, and the files that did not load. */
final class RunbooksPage {

    static RunbooksPage shown() {
        $("#runbooks-view").shouldBe(visible);
        return new RunbooksPage();
    }

    static RunbooksPage open() {
        com.codeborne.selenide.Selenide.open("/runbooks");
        return shown();
    }

    ElementsCollection cards() {
        return $$("#runbook-list .runbook-card");
    }

    SelenideElement card(String id) {
        return $("#runbook-" + id);
    }

    SelenideElement problems() {
        return $("#runbook-problems");
    }

    RunbookPage openRunbook(String id) {
        card(id).$(".runbook-title").click();
        return RunbookPage.shown();
    }
}
