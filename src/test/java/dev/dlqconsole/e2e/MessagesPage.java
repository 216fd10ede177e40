package dev.dlqconsole.e2e;

import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static com.codeborne.selenide.Selenide.$$;

import com.codeborne.selenide.ElementsCollection;
import com.codeborne.selenide.SelenideElement;

/** The Messages view: filters, the lazy grid, and the count. */
final class MessagesPage {

    static MessagesPage open(String query) {
        com.codeborne.selenide.Selenide.open("/messages" + (query.isEmpty() ? "" : "?" + query));
        $("#messages-view").shouldBe(visible);
        return new MessagesPage();
    }

    SelenideElement count() {
        return $("#message-count");
    }

    ElementsCollection cells() {
        return $$("#messages-grid vaadin-grid-cell-content");
    }

    SelenideElement textFilter() {
        return $("#filter-text input");
    }
}
