package dev.dlqconsole.e2e;

import static com.codeborne.selenide.Condition.text;
import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static com.codeborne.selenide.Selenide.$$;
import static org.assertj.core.api.Assertions.assertThat;

import com.codeborne.selenide.Selenide;
import dev.dlqconsole.HealthEndpoint;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Scheduled and conditional replays in the browser: an operator starts one replay "when healthy"
 * against a dependency that answers 503, and schedules another for later; Replay jobs shows
 * "Waiting for 127.0.0.1:… (0 of 2 OK)" and "Scheduled for …"; the dependency comes back and the
 * first runs to the end; the operator cancels the scheduled one from the list.
 */
@TestPropertySource(
        properties = {
            "dlq-console.replay.poll=200ms",
            "dlq-console.replay.health-check.interval=300ms",
            "dlq-console.replay.health-check.allowed-hosts=127.0.0.1",
        })
class ScheduledJourneyIT extends BrowserJourney {

    @Test
    void a_replay_waits_for_its_dependency_and_another_for_its_time_on_the_jobs_list() {
        var waitingDlq = dlqWithFailures("whenhealthy", 4, "inventory refused the connection");
        var laterDlq = dlqWithFailures("atatime", 3, "pricing timed out");
        try (var health = new HealthEndpoint(503)) {
            LoginPage.open().logInAs("operator", PASSWORD);
            OverviewPage.shown();

            Selenide.open("/replay/new?dlq=" + waitingDlq.dlqName() + "&status=parked");
            $("#replay-will-send").shouldHave(text("4 of 4 selected messages will be sent"));
            $("#replay-reason textarea").setValue("inventory is coming back");
            $$("#replay-start-mode vaadin-radio-button")
                    .findBy(text("When healthy"))
                    .scrollIntoView("{block: 'center'}")
                    .click();
            $("#replay-health-url input").setValue(health.url("/health"));
            $("#replay-healthy-times input").setValue("2");
            Browser.screenshot("scheduled-new-replay-when-healthy");
            $("#replay-start").scrollIntoView("{block: 'center'}").click();
            $("#replay-job-view").shouldBe(visible);
            $("#job-status").shouldHave(text("Waiting for health"));
            $("#job-start").shouldHave(text("Waiting for 127.0.0.1:"), text("of 2 OK"), text("HTTP 503"));
            var waitingJob = jdbc.queryForObject("select max(id) from replay_job", Long.class);
            Browser.screenshot("scheduled-waiting-job");

            Selenide.open("/replay/new?dlq=" + laterDlq.dlqName() + "&status=parked");
            $("#replay-will-send").shouldHave(text("3 of 3 selected messages will be sent"));
            $("#replay-reason textarea").setValue("after the pricing deploy");
            $$("#replay-start-mode vaadin-radio-button")
                    .findBy(text("At a time"))
                    .scrollIntoView("{block: 'center'}")
                    .click();
            $("#replay-start-at").shouldBe(visible);
            $("#replay-start").scrollIntoView("{block: 'center'}").click();
            $("#replay-job-view").shouldBe(visible);
            $("#job-status").shouldHave(text("Scheduled"));
            var laterJob = jdbc.queryForObject("select max(id) from replay_job", Long.class);

            $("vaadin-side-nav-item[path='replays']").click();
            $("#job-start-" + waitingJob).shouldHave(text("Waiting for 127.0.0.1:"), text("(0 of 2 OK)"));
            $("#job-start-" + laterJob).shouldHave(text("Scheduled for "), text("UTC"));
            Browser.screenshot("scheduled-jobs-list");

            health.answer(List.of(), 200);
            $("#cancel-" + laterJob).scrollIntoView("{block: 'center'}").click();
            $("#job-start-" + laterJob).shouldNot(com.codeborne.selenide.Condition.exist);
            Selenide.open("/replays/" + waitingJob);
            $("#job-status").shouldHave(text("Completed"), Duration.ofSeconds(30));
            $("#job-start").shouldHave(text("started when 127.0.0.1:"), text("answered 2xx 2 times in a row"));
            Browser.screenshot("scheduled-started-when-healthy");
        }
        assertThat(jdbc.queryForObject(
                        "select status from replay_job where id = (select max(id) from replay_job)", String.class))
                .isEqualTo("CANCELLED");
        assertThat(jdbc.queryForObject(
                        "select sent from replay_job where id = (select max(id) - 1 from replay_job)", Integer.class))
                .isEqualTo(4);
    }
}
