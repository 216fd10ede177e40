package dev.dlqconsole.e2e;

import static com.codeborne.selenide.Condition.attribute;
import static com.codeborne.selenide.Condition.text;
import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static org.assertj.core.api.Assertions.assertThat;

import com.codeborne.selenide.Selenide;
import dev.dlqconsole.SwitchableConsumer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The graduated ramp on the job page: an operator starts a replay of 200 messages; the consumer copes
 * with the canary and fails from then on; the page shows the canary done and the 5% step paused with
 * what came back, the later steps pending; resumed against a healed consumer, the steps go on to done.
 */
@TestPropertySource(
        properties = {
            "dlq-console.replay.poll=200ms",
            "dlq-console.replay.canary-messages=2",
            "dlq-console.replay.canary-watch=2s",
            "dlq-console.replay.ramp-watch=2s",
            "dlq-console.parking.interval=300ms",
            "dlq-console.parking.receive-wait=0s",
        })
class RampJourneyIT extends BrowserJourney {

    @Test
    void the_job_page_shows_the_ramp_pausing_at_the_five_percent_step_and_going_on_after_resume() {
        var queues = dlqWithFailures("rampui", 200, "pricing timed out");
        try (var consumer = new SwitchableConsumer(sqs, queues, "pricing still down", n -> n > 2)) {
            LoginPage.open().logInAs("operator", PASSWORD);
            OverviewPage.shown();
            Selenide.open("/replay/new?dlq=" + queues.dlqName() + "&status=parked");
            $("#replay-will-send").shouldHave(text("200 of 200 selected messages will be sent"));
            $("#replay-reason textarea").setValue("pricing is back");
            $("#replay-rate input").setValue("500");
            $("#replay-ramp-steps input").scrollIntoView("{block: 'center'}").setValue("1, 5, 25, 100");
            Browser.screenshot("ramp-new-replay");
            $("#replay-start").scrollIntoView("{block: 'center'}").click();
            $("#replay-job-view").shouldBe(visible);
            $("#ramp-step-1").shouldHave(text("Canary · 1%"));
            $("#ramp-step-4").shouldHave(text("The rest · 100%"), attribute("data-state", "pending"));

            $("#job-status").shouldHave(text("Paused"), Duration.ofSeconds(40));
            $("#ramp-step-1").shouldHave(attribute("data-state", "done"), text("2 sent"));
            $("#ramp-step-2").shouldHave(attribute("data-state", "paused"), text("8 sent"), text("back"));
            $("#ramp-step-3").shouldHave(attribute("data-state", "pending"), text("40 to send"));
            $("#job-notes").shouldHave(text("Paused at step 2 of 4 (5%)"), text("pricing still down"));
            Browser.screenshot("ramp-paused");

            consumer.switchTo(n -> false);
            $("#job-resume").scrollIntoView("{block: 'center'}").click();
            $("#ramp-step-2").shouldHave(attribute("data-state", "done"), Duration.ofSeconds(10));
            $("#ramp-step-3").shouldHave(attribute("data-state", "watching"), Duration.ofSeconds(30));
            Browser.screenshot("ramp-watching");
            $("#job-status").shouldHave(text("Completed"), Duration.ofSeconds(40));
            $("#ramp-step-4").shouldHave(attribute("data-state", "done"));
            Browser.screenshot("ramp-completed");
        }
        var jobId = jdbc.queryForObject("select max(id) from replay_job", Long.class);
        assertThat(jdbc.queryForObject("select sent from replay_job where id = ?", Integer.class, jobId))
                .isEqualTo(200);
    }
}
