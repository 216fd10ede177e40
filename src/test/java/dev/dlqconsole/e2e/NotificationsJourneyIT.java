package dev.dlqconsole.e2e;

import static com.codeborne.selenide.Condition.text;
import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static com.codeborne.selenide.Selenide.$$;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.codeborne.selenide.CollectionCondition;
import com.codeborne.selenide.Selenide;
import com.codeborne.selenide.WebDriverRunner;
import dev.dlqconsole.notify.WebhookReceiver;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An admin adds a Slack target and a signed JSON target on the Notifications page, sends each a test:
 * one arrives, the other's receiver keeps failing and shows as failed with its error. The webhook URLs'
 * secret paths and the HMAC key are nowhere on the page nor in the audit trail.
 */
class NotificationsJourneyIT extends BrowserJourney {

    @Test
    void an_admin_adds_targets_sees_deliveries_and_failures_and_never_a_secret() throws Exception {
        try (var receiver = new WebhookReceiver()) {
            var token = UUID.randomUUID().toString().replace("-", "");
            var key = "hmac-" + UUID.randomUUID();
            var slack = "oncall-" + token.substring(0, 5);
            var pager = "pager-" + token.substring(5, 10);

            LoginPage.open().logInAs("admin", PASSWORD);
            OverviewPage.shown();
            $("vaadin-side-nav-item[path='notifications']").shouldBe(visible).click();
            $("#notifications-view").shouldBe(visible);

            $("#add-target").click();
            $("#target-dialog").shouldBe(visible);
            $("#target-name input").setValue(slack);
            $("#target-url input").setValue(receiver.url("/services/T0/B0/" + token));
            $("#target-dlqs input").setValue("orders-*, payments-dlq");
            Browser.screenshot("notification-target-dialog");
            $("#target-add").click();
            $("#targets-grid").shouldHave(text(slack)).shouldHave(text("http://127.0.0.1:"));

            $("#add-target").click();
            $("#target-name input").setValue(pager);
            $("#target-type").click();
            $$("vaadin-select-item").findBy(text("JSON webhook, HMAC-signed")).click();
            $("#target-url input").setValue(receiver.url("/pager/" + token + "/fail"));
            $("#target-secret input").setValue(key);
            $("#target-threshold input").setValue("200");
            $("#target-age input").setValue("360");
            $("#target-add").click();
            $("#targets-grid").shouldHave(text(pager)).shouldHave(text("JSON, signed"));

            $("#test-" + slack).click();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> receiver.received(r -> r.path().contains("/services/"))
                                    .size()
                            == 1);
            // The pager's receiver fails every time: the delivery gives up after max-attempts.
            receiver.answer(500, 500, 500, 500, 500, 500, 500, 500);
            $("#test-" + pager).click();
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> jdbc.queryForObject(
                                    "select count(*) from notification_delivery where target = ? and status = 'FAILED'",
                                    Integer.class,
                                    pager)
                            == 1);
            $("#notifications-refresh").click();
            $("#failures-grid").shouldBe(visible).shouldHave(text("HTTP 500")).shouldHave(text(pager));
            $("#deliveries-grid").shouldHave(text("sent"));
            $$("vaadin-notification-card").shouldHave(CollectionCondition.size(0));
            Browser.screenshot("notifications");

            var page = WebDriverRunner.source();
            assertThat(page).doesNotContain(token).doesNotContain(key);
            assertThat(jdbc.queryForObject(
                            "select count(*) from audit_event where coalesce(detail, '') like ? or coalesce(targets, '')"
                                    + " like ? or coalesce(detail, '') like ?",
                            Integer.class,
                            "%" + token + "%",
                            "%" + token + "%",
                            "%" + key + "%"))
                    .as("no secret in the audit trail")
                    .isZero();
            assertThat(jdbc.queryForObject(
                            "select count(*) from audit_event where action = 'notification.target.add' and targets in (?, ?)",
                            Integer.class,
                            "notification target " + slack,
                            "notification target " + pager))
                    .isEqualTo(2);

            // Tidy: later tests of the shared context do not send to this receiver.
            $("#remove-" + slack).scrollIntoView("{block: 'center'}").click();
            $("#remove-" + pager).scrollIntoView("{block: 'center'}").click();
            $("#targets-grid").shouldNotHave(text(pager));
            Selenide.closeWebDriver();

            // An operator has no Notifications entry, and the page refuses them.
            LoginPage.open().logInAs("operator", PASSWORD);
            OverviewPage.shown();
            $("#main-nav").shouldHave(text("Replay jobs")).shouldNotHave(text("Notifications"));
            Selenide.open("/notifications");
            $("#notifications-view").shouldNot(com.codeborne.selenide.Condition.exist);
        }
    }
}
