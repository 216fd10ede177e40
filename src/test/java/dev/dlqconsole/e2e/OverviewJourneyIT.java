package dev.dlqconsole.e2e;

import static com.codeborne.selenide.CollectionCondition.itemWithText;
import static com.codeborne.selenide.Condition.attribute;
import static com.codeborne.selenide.Condition.exist;
import static com.codeborne.selenide.Condition.matchText;
import static com.codeborne.selenide.Condition.text;
import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static com.codeborne.selenide.Selenide.$$;
import static com.codeborne.selenide.Selenide.open;
import static com.codeborne.selenide.Selenide.webdriver;
import static com.codeborne.selenide.WebDriverConditions.urlContaining;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Logging in and finding every demo DLQ on the Overview, in a real headless Chromium. */
@TestPropertySource(properties = {"dlq-console.demo.enabled=true", "dlq-console.demo.producer-interval=300ms"})
class OverviewJourneyIT extends BrowserJourney {

    @Test
    void an_operator_logs_in_and_sees_every_dlq_filling_up() {
        var login = LoginPage.open();
        Browser.screenshot("login");
        login.logInAs("operator", PASSWORD);

        var overview = OverviewPage.shown();
        overview.cells()
                .shouldHave(
                        itemWithText("orders-dlq"),
                        itemWithText("payments-dlq.fifo"),
                        itemWithText("notifications-dlq"),
                        itemWithText("shipping-dlq"));
        overview.cells().shouldHave(itemWithText("shipping-eu, shipping-us"));
        // The demo consumer dead-letters messages within seconds; the page polls for new depths.
        overview.summary()
                .shouldHave(matchText("4 DLQs on 1 connection · [\\d,]+ waiting in SQS · [1-9][\\d,]* parked"));
        $("#current-user").shouldHave(text("operator"));
        Browser.screenshot("overview");

        // The page refreshes every five seconds; a click on "Park now" lands whatever the moment, and
        // the second click follows the first's answer at once. A manual drain of a DLQ the demo keeps
        // filling runs up to its 20 s budget before it answers.
        for (int clicks = 1; clicks <= 2; clicks++) {
            $("#park-now-embedded-orders-dlq").shouldBe(visible).click();
            int expected = clicks;
            await().atMost(Duration.ofSeconds(40)).until(() -> parkNowsAudited() == expected);
            $$("vaadin-notification-card")
                    .findBy(matchText(
                            "(Parked [\\d,]+ messages from orders-dlq|orders-dlq is empty|orders-dlq is being parked)"))
                    .shouldBe(visible);
        }
        assertThat(parkNowsAudited()).isEqualTo(2);
    }

    private int parkNowsAudited() {
        return jdbc.queryForObject(
                "SELECT count(*) FROM audit_event WHERE action = 'dlq.park-now' AND targets = 'embedded/orders-dlq'",
                Integer.class);
    }

    @Test
    void a_wrong_password_is_refused_with_an_error() {
        LoginPage.open().logInAs("operator", "not-the-password");

        webdriver().shouldHave(urlContaining("error"));
        LoginPage.open();
        open("/login?error");
        $("#login-form").shouldHave(attribute("error"));
        $("#overview-view").shouldNot(exist);
        Browser.screenshot("login-error");
    }

    @Test
    void a_viewer_cannot_reach_the_admin_only_connections_page() {
        LoginPage.open().logInAs("viewer", PASSWORD);
        OverviewPage.shown();

        open("/connections");

        $("#connections-grid").shouldNot(exist);
        $("body").shouldHave(text("connections"));
        open("/");
        OverviewPage.shown().cells().shouldHave(itemWithText("orders-dlq"));
    }

    @Test
    void an_admin_reaches_the_connections_page() {
        LoginPage.open().logInAs("admin", PASSWORD);
        OverviewPage.shown();

        open("/connections");

        $("#connections-grid").shouldBe(visible);
        $("#connections-view").shouldHave(text("embedded"));
    }
}
