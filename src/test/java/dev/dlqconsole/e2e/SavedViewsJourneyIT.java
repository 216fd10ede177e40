package dev.dlqconsole.e2e;

import static com.codeborne.selenide.Condition.exist;
import static com.codeborne.selenide.Condition.text;
import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static com.codeborne.selenide.WebDriverConditions.urlContaining;
import static org.assertj.core.api.Assertions.assertThat;

import com.codeborne.selenide.Selenide;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An operator saves the Messages filter as a shared view; it is in the menu with its count, under a
 * stable address; a viewer sees it and opens it; a private view stays its owner's.
 */
class SavedViewsJourneyIT extends BrowserJourney {

    @Test
    void a_shared_view_is_in_everyones_menu_with_its_count_and_a_private_one_only_in_its_owners() {
        var queues = dlqWithFailures("views", 3, "Read timed out after 3000 ms calling billing");
        var shared = "billing " + UUID.randomUUID().toString().substring(0, 6);
        var secret = "mine " + UUID.randomUUID().toString().substring(0, 6);

        LoginPage.open().logInAs("operator", PASSWORD);
        OverviewPage.shown();
        Selenide.open("/messages?dlq=" + queues.dlqName());
        $("#message-count").shouldHave(text("3"));
        $("#save-view").click();
        $("#save-view-dialog").shouldBe(visible).shouldHave(text(queues.dlqName()));
        $("#save-view-name input").setValue(shared);
        $("#save-view-shared").click();
        Browser.screenshot("save-view-dialog");
        $("#save-view-save").click();
        // Saved: the drawer lists it (the page moved to the view's own address).
        $("#saved-views-nav").shouldHave(text(shared));
        var id = jdbc.queryForObject("select id from saved_view where name = ?", Long.class, shared);
        // Its stable address opens the Messages view with its filter.
        Selenide.open("/views/" + id);
        Selenide.webdriver().shouldHave(urlContaining("dlq=" + queues.dlqName()));
        $("#messages-view").shouldBe(visible);
        $("#message-count").shouldHave(text("3"));
        $("#saved-view-" + id).shouldHave(text(shared)).shouldHave(text("3"));

        $("#save-view").click();
        $("#save-view-name input").setValue(secret);
        $("#save-view-save").click();
        $("#saved-views-nav").shouldHave(text(secret));
        var secretId = jdbc.queryForObject("select id from saved_view where name = ?", Long.class, secret);
        $("#saved-view-" + secretId).shouldBe(visible);
        Browser.screenshot("saved-views-menu");
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_event where action = 'view.share' and targets like ?",
                        Integer.class,
                        "view " + id + " %"))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_event where action = 'view.share' and targets like ?",
                        Integer.class,
                        "view " + secretId + " %"))
                .as("a private view is nobody else's business")
                .isZero();

        Selenide.closeWebDriver();
        LoginPage.open().logInAs("viewer", PASSWORD);
        OverviewPage.shown();
        $("#saved-view-" + secretId).shouldNot(exist);
        $("#saved-view-" + id).shouldHave(text(shared)).click();
        $("#messages-view").shouldBe(visible);
        $("#message-count").shouldHave(text("3"));
        Selenide.open("/views/" + secretId);
        $("body").shouldHave(text("No such saved view"));
    }
}
