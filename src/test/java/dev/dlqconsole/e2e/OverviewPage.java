package dev.dlqconsole.e2e;

import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static com.codeborne.selenide.Selenide.$$;

import com.codeborne.selenide.ElementsCollection;
import com.codeborne.selenide.SelenideElement;

/** The Overview: the DLQ grid and its summary line. */
final class OverviewPage {

    static OverviewPage shown() {
        $("#overview-view").shouldBe(visible);
        return new OverviewPage();
    }

    SelenideElement summary() {
        return $("#overview-summary");
    }

    /** The grid's body cells, as text; Vaadin renders them into the grid's light DOM. */
    ElementsCollection cells() {
        return $$("#dlq-grid vaadin-grid-cell-content");
    }
}
